import {
  type Deadline,
  type ServerInterceptor,
  ServerInterceptingCall,
  ServerListenerBuilder,
  ResponderBuilder,
  status,
} from '@grpc/grpc-js';
import type { Meter } from '@opentelemetry/api';
import { parseMethodPath } from './method-path';

/** Milliseconds; fine-grained below 100 ms where internal recommender RPCs live. */
const durationBuckets = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000, 10_000];

function hasPassed(deadline: Deadline): boolean {
  return (deadline instanceof Date ? deadline.getTime() : deadline) <= Date.now();
}

/**
 * Records `rpc.server.duration` (ms, by service, method and status code) and
 * `rpc.server.active_requests` for every call, shed or handled.
 * Must be the first server interceptor so it sees statuses sent by the others.
 */
export function rpcMetricsInterceptor(meter: Meter): ServerInterceptor {
  const duration = meter.createHistogram('rpc.server.duration', {
    description: 'Duration of inbound RPCs',
    unit: 'ms',
    advice: { explicitBucketBoundaries: durationBuckets },
  });
  const active = meter.createUpDownCounter('rpc.server.active_requests', { description: 'Inbound RPCs in progress' });

  return (methodDescriptor, call) => {
    const started = performance.now();
    const { service, method } = parseMethodPath(methodDescriptor.path);
    const attributes = { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method };
    active.add(1, attributes);
    let recorded = false;
    const record = (code: status) => {
      if (recorded) return;
      recorded = true;
      active.add(-1, attributes);
      duration.record(performance.now() - started, { ...attributes, 'rpc.grpc.status_code': code });
    };
    return new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) =>
          // grpc-js ends calls itself when their deadline passes, bypassing interceptors: it shows up only as a cancel.
          next(new ServerListenerBuilder().withOnCancel(() => record(hasPassed(call.getDeadline()) ? status.DEADLINE_EXCEEDED : status.CANCELLED)).build()),
        )
        .withSendStatus((statusObject, next) => {
          record(statusObject.code);
          next(statusObject);
        })
        .build(),
    );
  };
}
