import {
  type CallOptions as GrpcCallOptions,
  type ClientUnaryCall,
  type Deadline,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { deadlineExceededError, HARD_DEADLINE_GRACE_MS, withDeadlineGrace } from '../deadlines/answered-deadline';
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

/** setTimeout fires at once for delays past 2^31 − 1 ms; grpc-js enforces such far deadlines itself. */
const MAX_TIMER_MS = 2_147_483_647;

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
 * At the deadline the promise rejects DEADLINE_EXCEEDED, but the call itself is left for the server
 * to end (see answered-deadline.ts): its gRPC deadline is HARD_DEADLINE_GRACE_MS later.
 *
 *   const response = await callUnary(client.rank.bind(client), request, { parent: context, budgetMs: 20 });
 */
export function callUnary<Request, Response>(method: UnaryMethod<Request, Response>, request: Request, options: UnaryCallOptions = {}): Promise<Response> {
  const { parent, signal } = options;
  const parentContext = parent && isUnaryContext(parent) ? parent : undefined;
  const signals = [signal, parentContext?.signal].filter((candidate): candidate is AbortSignal => candidate !== undefined);
  const callOptions: Partial<GrpcCallOptions> = {};
  const started = Date.now();
  const deadline = effectiveDeadline(options, started);
  if (deadline !== undefined && deadline <= started) return Promise.reject(deadlineExceededError(0));
  if (deadline !== undefined) callOptions.deadline = deadline + HARD_DEADLINE_GRACE_MS;
  const metadata = deadline === undefined ? (options.metadata ?? new Metadata()) : withDeadlineGrace(options.metadata);
  // grpc-js also propagates cancellation from the parent server call.
  if (parent) callOptions.parent = parentContext ? parentContext.call : (parent as ServerSurfaceCall);

  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const each of signals) each.removeEventListener('abort', cancel);
      finish();
    };
    const cancel = () => call.cancel();
    const call = method(request, metadata, callOptions, (error, response) => settle(() => (error ? reject(error) : resolve(response))));
    if (deadline !== undefined && deadline - started <= MAX_TIMER_MS) timer = setTimeout(() => settle(() => reject(deadlineExceededError(Date.now() - started))), deadline - started);
    for (const each of signals) {
      if (each.aborted) call.cancel();
      else each.addEventListener('abort', cancel, { once: true });
    }
  });
}
