import { status } from '@grpc/grpc-js';

/** Throw from a handler to answer with this status and message (sent to the caller as is). */
export class GrpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

/** A request field breaks a rule; the message starts with the field's proto name. */
export class ValidationError extends GrpcError {
  constructor(
    readonly field: string,
    problem: string,
    code: status.INVALID_ARGUMENT | status.RESOURCE_EXHAUSTED = status.INVALID_ARGUMENT,
  ) {
    super(code, `${field}: ${problem}`);
    this.name = 'ValidationError';
  }
}
