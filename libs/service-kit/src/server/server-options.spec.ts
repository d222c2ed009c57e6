import { baseConfigSchema } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { serverOptionsFrom } from './server-options';

describe('serverOptionsFrom', () => {
  it('maps message size, streams and keepalive settings', () => {
    const config = loadConfig(baseConfigSchema, {
      GRPC_MAX_MESSAGE_BYTES: '1048576',
      GRPC_MAX_CONCURRENT_STREAMS: '64',
      GRPC_KEEPALIVE_TIME_MS: '20000',
      GRPC_KEEPALIVE_TIMEOUT_MS: '5000',
      GRPC_MAX_CONNECTION_AGE_MS: '60000',
      SHUTDOWN_GRACE_MS: '3000',
    });
    expect(serverOptionsFrom(config)).toEqual({
      'grpc.max_receive_message_length': 1_048_576,
      'grpc.max_send_message_length': 1_048_576,
      'grpc.max_concurrent_streams': 64,
      'grpc.keepalive_time_ms': 20_000,
      'grpc.keepalive_timeout_ms': 5000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.max_connection_age_ms': 60_000,
      'grpc.max_connection_age_grace_ms': 3000,
    });
  });

  it('leaves connection age unlimited at 0', () => {
    const options = serverOptionsFrom(loadConfig(baseConfigSchema, { GRPC_MAX_CONNECTION_AGE_MS: '0' }));
    expect(options).not.toHaveProperty('grpc.max_connection_age_ms');
    expect(options).not.toHaveProperty('grpc.max_connection_age_grace_ms');
  });
});
