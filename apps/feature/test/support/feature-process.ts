import { FeatureServiceClient, GetFeaturesRequest, type GetFeaturesResponse } from '@cascade/contracts';
import { createClient, type ServiceClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { requireBrokers } from '@cascade/events/testing';

export type StoreKind = 'memory' | 'redis';

export interface FeatureProcessOptions {
  store: StoreKind;
  engagementTopic: string;
  contentTopic: string;
  /** Stable consumer group (what the Redis store keeps across restarts); unique per test. */
  groupId: string;
  redisUrl?: string;
  env?: Record<string, string>;
}

/** The feature service as a real process (apps/feature/src/main.ts) against the real broker. */
export class FeatureProcess {
  readonly process: ServiceProcess;
  private client?: ServiceClient<typeof FeatureServiceClient>;
  private addressValue?: string;

  constructor(options: FeatureProcessOptions) {
    this.process = new ServiceProcess({
      entry: 'apps/feature/src/main.ts',
      env: {
        KAFKA_BROKERS: requireBrokers().join(','),
        FEATURE_STORE: options.store,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        ENGAGEMENT_TOPIC: options.engagementTopic,
        CONTENT_TOPIC: options.contentTopic,
        KAFKA_GROUP_ID: options.groupId,
        // A killed member's partitions move on after 6 s instead of 30 s.
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        CATCH_UP_TIMEOUT_MS: '45000',
        // Test keys in the shared Redis expire on their own.
        ENTITY_TTL_MS: '900000',
        LOG_LEVEL: 'info',
        ...options.env,
      },
    });
  }

  /** host:port once the process listens. */
  async address(): Promise<string> {
    this.addressValue ??= `127.0.0.1:${await this.process.port()}`;
    return this.addressValue;
  }

  async getFeatures(request: Partial<GetFeaturesRequest>): Promise<GetFeaturesResponse> {
    this.client ??= createClient(FeatureServiceClient, await this.address(), { defaultTimeoutMs: 10_000 });
    return this.client.getFeatures(GetFeaturesRequest.fromPartial(request));
  }

  close(): void {
    this.client?.close();
    this.process.close();
  }
}
