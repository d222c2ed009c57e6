import {
  BlendingServiceClient,
  BlendingServiceService,
} from './gen/cascade/blending/v1/blending';
import { FeatureServiceClient, FeatureServiceService } from './gen/cascade/feature/v1/feature';
import { RankingServiceClient, RankingServiceService } from './gen/cascade/ranking/v1/ranking';
import {
  RetrievalServiceClient,
  RetrievalServiceService,
} from './gen/cascade/retrieval/v1/retrieval';

/** Fully-qualified gRPC service names, as served and as listed by reflection. */
export const serviceNames = {
  blending: 'cascade.blending.v1.BlendingService',
  retrieval: 'cascade.retrieval.v1.RetrievalService',
  feature: 'cascade.feature.v1.FeatureService',
  ranking: 'cascade.ranking.v1.RankingService',
} as const;

/** Service definitions and client constructors, keyed by service. */
export const services = {
  blending: { name: serviceNames.blending, definition: BlendingServiceService, Client: BlendingServiceClient },
  retrieval: { name: serviceNames.retrieval, definition: RetrievalServiceService, Client: RetrievalServiceClient },
  feature: { name: serviceNames.feature, definition: FeatureServiceService, Client: FeatureServiceClient },
  ranking: { name: serviceNames.ranking, definition: RankingServiceService, Client: RankingServiceClient },
} as const;

export type ServiceKey = keyof typeof services;
