export * from './backend/model-backend';
export * from './io/file-model-io';
export * from './registry/model-manifest';
export * from './registry/model-registry';
