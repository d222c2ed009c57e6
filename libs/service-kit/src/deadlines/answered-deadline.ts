import { Metadata, type ServiceError, status } from '@grpc/grpc-js';

/**
 * Kit clients stop waiting at a call's deadline but let the server end the call: they give the
 * call a gRPC deadline `HARD_DEADLINE_GRACE_MS` later and say so in this header; the server's
 * unary() takes the grace off again and answers DEADLINE_EXCEEDED at the real deadline. The grace
 * is the slack for a server too busy to answer. (The header carries the grace rather than a time:
 * grpc-js computes the gRPC timeout when the call is sent, so a call that waited for a connection
 * still gets an exact deadline.) The grace is generous because the server counts the timeout from
 * when it reads the call, which a busy event loop at either end can delay by hundreds of ms, and a
 * burst of hundreds of timed-out calls on a loaded machine stalled it past 1 s: the grace must
 * outlast the worst stall, since one missed grace resets streams. A caller never waits for it (it
 * stops at the real deadline); an unanswered stream only stays open that much longer.
 *
 * Why: a client whose gRPC deadline passes resets the HTTP/2 stream (RST_STREAM), and Node's HTTP/2
 * server takes a connection whose peer resets more than ~1,000 streams in a burst (33/s sustained)
 * for an attack: it closes the session and every call in flight on it fails INTERNAL. Stage
 * budgets of 10–15 ms make timed-out calls routine under load, so the resets must not happen.
 */
export const DEADLINE_GRACE_HEADER = 'cascade-deadline-grace-ms';

export const HARD_DEADLINE_GRACE_MS = 5_000;

/** The grace a kit client added to the call's gRPC deadline, in ms; undefined when absent or malformed. */
export function deadlineGraceFrom(metadata: Metadata): number | undefined {
  const raw = metadata.get(DEADLINE_GRACE_HEADER)[0];
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw)) return undefined;
  return Number(raw);
}

/** `metadata` (copied, never changed) saying that the gRPC deadline is `graceMs` past the real one. */
export function withDeadlineGrace(metadata: Metadata | undefined, graceMs = HARD_DEADLINE_GRACE_MS): Metadata {
  const out = metadata ? metadata.clone() : new Metadata();
  out.set(DEADLINE_GRACE_HEADER, String(graceMs));
  return out;
}

/** The deadline the caller waits for: the call's gRPC deadline less a kit client's grace. */
export function answeredDeadline(grpcDeadlineMs: number, metadata: Metadata): number {
  return grpcDeadlineMs - (deadlineGraceFrom(metadata) ?? 0);
}
/**
 * The error a kit client rejects with when it stops waiting at the deadline. Stage timeouts are
 * routine under load, so it captures no stack: where the call was made says nothing here.
 */
export function deadlineExceededError(waitedMs: number): ServiceError {
  const details = `Deadline exceeded after ${(waitedMs / 1000).toFixed(3)}s (the server ends the call)`;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return Object.assign(new Error(`${status.DEADLINE_EXCEEDED} DEADLINE_EXCEEDED: ${details}`), {
      code: status.DEADLINE_EXCEEDED,
      details,
      metadata: new Metadata(),
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
