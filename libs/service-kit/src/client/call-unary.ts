import {
  type CallOptions as GrpcCallOptions,
  type ClientUnaryCall,
  type Deadline,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { deadlineMs } from '../deadlines/deadline';
import type { UnaryContext } from '../handlers/unary';

/** The server call grpc-js accepts as a parent (any ServerUnaryCall, stream, ...). */
type ServerSurfaceCall = NonNullable<GrpcCallOptions['parent']>;

export type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: Partial<GrpcCallOptions>,
  callback: (error: ServiceError | null, response: Response) => void,
) => ClientUnaryCall;

export interface UnaryCallOptions {
  /** Absolute deadline for this call. */
  deadline?: Deadline;
  /** Relative deadline (now + budgetMs); ignored when `deadline` is given. */
  budgetMs?: number;
  /**
   * The incoming call this one serves (its unary() context or grpc-js call): its deadline,
   * less `reserveMs`, bounds this call, and cancelling it cancels this call.
   */
  parent?: UnaryContext | ServerSurfaceCall;
  /** Time kept back from the parent's deadline for work after this call returns. */
  reserveMs?: number;
  metadata?: Metadata;
  /** Cancels the call when aborted. */
  signal?: AbortSignal;
}

function isUnaryContext(parent: UnaryContext | ServerSurfaceCall): parent is UnaryContext {
  return 'signal' in parent && 'call' in parent;
}

/** The tightest of the explicit deadline, the budget and the parent's deadline less the reserve; undefined if none. */
export function effectiveDeadline({ deadline, budgetMs, parent, reserveMs = 0 }: UnaryCallOptions, now = Date.now()): number | undefined {
  const own = deadline !== undefined ? deadlineMs(deadline) : budgetMs !== undefined ? now + budgetMs : Number.POSITIVE_INFINITY;
  const fromParent = parent ? deadlineMs(parent) - reserveMs : Number.POSITIVE_INFINITY;
  const earliest = Math.min(own, fromParent);
  return Number.isFinite(earliest) ? earliest : undefined;
}

/**
 * Calls a callback-style unary client method and returns a promise of its response;
 * rejects with the grpc-js ServiceError (code, details, metadata).
 *
 *   const response = await callUnary(client.rank.bind(client), request, { parent: context, budgetMs: 20 });
 */
export function callUnary<Request, Response>(method: UnaryMethod<Request, Response>, request: Request, options: UnaryCallOptions = {}): Promise<Response> {
  const { parent, signal, metadata = new Metadata() } = options;
  const parentContext = parent && isUnaryContext(parent) ? parent : undefined;
  const signals = [signal, parentContext?.signal].filter((candidate): candidate is AbortSignal => candidate !== undefined);
  const callOptions: Partial<GrpcCallOptions> = {};
  const deadline = effectiveDeadline(options);
  if (deadline !== undefined) callOptions.deadline = deadline;
  // grpc-js also propagates cancellation from the parent server call.
  if (parent) callOptions.parent = parentContext ? parentContext.call : (parent as ServerSurfaceCall);

  return new Promise<Response>((resolve, reject) => {
    const cancel = () => call.cancel();
    const call = method(request, metadata, callOptions, (error, response) => {
      for (const each of signals) each.removeEventListener('abort', cancel);
      if (error) reject(error);
      else resolve(response);
    });
    for (const each of signals) {
      if (each.aborted) call.cancel();
      else each.addEventListener('abort', cancel, { once: true });
    }
  });
}
