import { type ServerInterceptor, ServerInterceptingCall, ServerListenerBuilder, ResponderBuilder, status } from '@grpc/grpc-js';

/** Health probes and reflection are never shed: failing probes under load would restart healthy replicas. */
const exemptPrefixes = ['/grpc.health.v1.', '/grpc.reflection.'];

/**
 * Answers RESOURCE_EXHAUSTED at once, before decoding the request, when `maxInFlight`
 * calls are already running, so overload costs the server almost nothing.
 */
export function loadSheddingInterceptor(maxInFlight: number): ServerInterceptor {
  let inFlight = 0;
  return (methodDescriptor, call) => {
    if (exemptPrefixes.some((prefix) => methodDescriptor.path.startsWith(prefix))) return new ServerInterceptingCall(call);
    let admitted = false;
    const release = () => {
      if (admitted) inFlight -= 1;
      admitted = false;
    };
    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        if (inFlight >= maxInFlight) {
          call.sendStatus({ code: status.RESOURCE_EXHAUSTED, details: `server overloaded: ${inFlight} requests in flight (limit ${maxInFlight})` });
          return;
        }
        inFlight += 1;
        admitted = true;
        next(metadata);
      })
      .withOnCancel(release)
      .build();
    return new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) => next(listener))
        .withSendStatus((statusObject, next) => {
          release();
          next(statusObject);
        })
        .build(),
    );
  };
}
