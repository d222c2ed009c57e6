import { type Deadline, type ServerInterceptor, ServerInterceptingCall, ServerListenerBuilder, ResponderBuilder, status } from '@grpc/grpc-js';
import { answeredDeadline } from '../deadlines/answered-deadline';
import type { AdaptiveConcurrencyLimit, AdmittedCall } from './adaptive-concurrency-limit';

/** Health probes and reflection are never shed: failing probes under load would restart healthy replicas. */
const exemptPrefixes = ['/grpc.health.v1.', '/grpc.reflection.'];

function deadlineMs(deadline: Deadline): number {
  return deadline instanceof Date ? deadline.getTime() : deadline;
}

/**
 * Answers RESOURCE_EXHAUSTED at once, before decoding the request, when the limit's worth of calls
 * is already running, so overload costs the server almost nothing. Tells the limit how each
 * admitted call ended: DEADLINE_EXCEEDED or past its deadline (the one the caller waits for, or
 * `defaultDeadlineMs` for a call sent without one), or in time.
 */
export function loadSheddingInterceptor(limit: AdaptiveConcurrencyLimit, defaultDeadlineMs: number): ServerInterceptor {
  return (methodDescriptor, call) => {
    if (exemptPrefixes.some((prefix) => methodDescriptor.path.startsWith(prefix))) return new ServerInterceptingCall(call);
    let admitted: AdmittedCall | undefined;
    let dueMs = Infinity;
    const release = (deadlineExceeded: boolean) => {
      if (!admitted) return;
      const now = Date.now();
      limit.release(admitted, deadlineExceeded || now >= dueMs, now);
      admitted = undefined;
    };
    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        const now = Date.now();
        admitted = limit.tryAcquire(now);
        if (!admitted) {
          call.sendStatus({ code: status.RESOURCE_EXHAUSTED, details: `server overloaded: ${limit.inFlight} requests in flight (limit ${limit.limit})` });
          return;
        }
        const deadline = answeredDeadline(deadlineMs(call.getDeadline()), metadata);
        dueMs = Number.isFinite(deadline) ? deadline : now + defaultDeadlineMs;
        next(metadata);
      })
      // grpc-js ends a call whose deadline passed itself, bypassing interceptors: only the cancel shows.
      .withOnCancel(() => release(false))
      .build();
    return new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) => next(listener))
        .withSendStatus((statusObject, next) => {
          release(statusObject.code === status.DEADLINE_EXCEEDED);
          next(statusObject);
        })
        .build(),
    );
  };
}
