import { type Interceptor, InterceptingCall } from '@grpc/grpc-js';
import { deadlineMs } from '../deadlines/deadline';

/** Gives every outgoing call that has no deadline one `timeoutMs` from now, so no call can hang forever. */
export function defaultDeadlineInterceptor(timeoutMs: number): Interceptor {
  return (options, nextCall) => {
    const hasDeadline = Number.isFinite(deadlineMs(options.deadline));
    return new InterceptingCall(nextCall(hasDeadline ? options : { ...options, deadline: Date.now() + timeoutMs }));
  };
}
