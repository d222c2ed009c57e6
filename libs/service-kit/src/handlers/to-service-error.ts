import { type ServerErrorResponse, status } from '@grpc/grpc-js';
import type { Logger } from '../logging/create-logger';
import { GrpcError } from './grpc-error';

function statusError(code: status, details: string): ServerErrorResponse {
  return Object.assign(new Error(details), { code, details });
}

/**
 * The status a caller sees for an error thrown by a handler. GrpcErrors (validation included)
 * keep their code and message; when the call was aborted (deadline or cancel), the abort reason
 * wins, since downstream failures are then only its echo. Anything else is a bug: logged with
 * its stack, answered as a bare INTERNAL.
 */
export function toServiceError(error: unknown, { aborted, logger, path }: { aborted: unknown; logger: Logger; path: string }): ServerErrorResponse {
  if (error instanceof GrpcError) return statusError(error.code, error.message);
  if (aborted instanceof GrpcError) return statusError(aborted.code, aborted.message);
  logger.error({ err: error, rpc: path }, 'handler failed');
  return statusError(status.INTERNAL, 'internal error');
}
