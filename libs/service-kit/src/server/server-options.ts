import type { ServerOptions } from '@grpc/grpc-js';
import type { BaseConfig } from '../config/base-config';

type TransportConfig = Pick<
  BaseConfig,
  | 'GRPC_MAX_MESSAGE_BYTES'
  | 'GRPC_MAX_CONCURRENT_STREAMS'
  | 'GRPC_KEEPALIVE_TIME_MS'
  | 'GRPC_KEEPALIVE_TIMEOUT_MS'
  | 'GRPC_MAX_CONNECTION_AGE_MS'
  | 'SHUTDOWN_GRACE_MS'
>;

/** grpc-js channel options for the server's transport, from configuration. */
export function serverOptionsFrom(config: TransportConfig): ServerOptions {
  const options: ServerOptions = {
    'grpc.max_receive_message_length': config.GRPC_MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': config.GRPC_MAX_MESSAGE_BYTES,
    'grpc.max_concurrent_streams': config.GRPC_MAX_CONCURRENT_STREAMS,
    'grpc.keepalive_time_ms': config.GRPC_KEEPALIVE_TIME_MS,
    'grpc.keepalive_timeout_ms': config.GRPC_KEEPALIVE_TIMEOUT_MS,
    'grpc.keepalive_permit_without_calls': 1,
  };
  if (config.GRPC_MAX_CONNECTION_AGE_MS > 0) {
    options['grpc.max_connection_age_ms'] = config.GRPC_MAX_CONNECTION_AGE_MS;
    // Calls still running on an aged-out connection get as long to finish as they would at shutdown.
    options['grpc.max_connection_age_grace_ms'] = config.SHUTDOWN_GRACE_MS;
  }
  return options;
}
