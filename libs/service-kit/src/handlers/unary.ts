import { type handleUnaryCall, type Metadata, type ServerUnaryCall, status } from '@grpc/grpc-js';
import { answeredDeadline } from '../deadlines/answered-deadline';
import { deadlineMs } from '../deadlines/deadline';
import type { Logger } from '../logging/create-logger';
import { GrpcError } from './grpc-error';
import { handlerDefaultsFor } from './handler-defaults';
import { toServiceError } from './to-service-error';

export interface UnaryContext<Request = unknown, Response = unknown> {
  /** When the caller stops waiting: its own deadline, or now + the default when it sent none. */
  readonly deadline: Date;
  /** Aborted (reason: a GrpcError) when the deadline passes or the caller cancels; hand it to slow work. */
  readonly signal: AbortSignal;
  readonly metadata: Metadata;
  readonly call: ServerUnaryCall<Request, Response>;
  /** The service logger, bound to this RPC's method. */
  readonly logger: Logger;
}

export type UnaryHandler<Request, Response> = (request: Request, context: UnaryContext<Request, Response>) => Promise<Response> | Response;

export interface UnaryOptions {
  logger?: Logger;
  defaultDeadlineMs?: number;
}

/** setTimeout fires at once for delays past 2^31 − 1 ms; grpc-js itself enforces such far deadlines. */
const maxTimerMs = 2_147_483_647;

/**
 * Wraps a promise-returning handler as a grpc-js unary handler: every call gets a deadline
 * (answered DEADLINE_EXCEEDED when it passes), thrown GrpcErrors/ValidationErrors become
 * their status, and anything else becomes a logged INTERNAL without a stack for the caller.
 */
export function unary<Request, Response>(handler: UnaryHandler<Request, Response>, options: UnaryOptions = {}): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const defaults = handlerDefaultsFor(call);
    const logger = options.logger ?? defaults.logger;
    const path = call.getPath();
    // A kit client's gRPC deadline is a grace past the one it waits for (see answered-deadline.ts).
    const incoming = answeredDeadline(deadlineMs(call.getDeadline()), call.metadata);
    const deadline = new Date(Number.isFinite(incoming) ? incoming : Date.now() + (options.defaultDeadlineMs ?? defaults.defaultDeadlineMs));
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    const settle = (send: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      call.off('cancelled', onCancelled);
      send();
    };
    const fail = (error: unknown) => settle(() => callback(toServiceError(error, { aborted: controller.signal.reason, logger, path })));
    // grpc-js also reports its own deadline expiry as a cancel.
    const onCancelled = () => {
      controller.abort(
        Date.now() >= deadline.getTime()
          ? new GrpcError(status.DEADLINE_EXCEEDED, 'deadline exceeded')
          : new GrpcError(status.CANCELLED, 'call cancelled by the client'),
      );
      settle(() => undefined);
    };
    call.once('cancelled', onCancelled);

    const remainingMs = deadline.getTime() - Date.now();
    if (remainingMs <= 0) {
      controller.abort(new GrpcError(status.DEADLINE_EXCEEDED, 'deadline exceeded before the call was handled'));
      fail(controller.signal.reason);
      return;
    }
    if (remainingMs <= maxTimerMs) {
      timer = setTimeout(() => {
        controller.abort(new GrpcError(status.DEADLINE_EXCEEDED, `deadline exceeded after ${Math.round(remainingMs)} ms`));
        fail(controller.signal.reason);
      }, remainingMs);
    }

    let rpcLogger: Logger | undefined;
    const context: UnaryContext<Request, Response> = {
      deadline,
      signal: controller.signal,
      metadata: call.metadata,
      call,
      get logger() {
        return (rpcLogger ??= logger.child({ rpc: path }));
      },
    };
    Promise.resolve()
      .then(() => handler(call.request, context))
      .then(
        (response) => settle(() => callback(null, response)),
        (error: unknown) => fail(error),
      );
  };
}
