export * from './backend/model-backend';
export * from './io/file-model-io';
export * from './registry/model-manifest';
export * from './registry/model-registry';
export * from './ranker/ranker-tasks';
export * from './ranker/feature-scaler';
export * from './ranker/multi-task-ranker';
export * from './training/ranking-examples';
