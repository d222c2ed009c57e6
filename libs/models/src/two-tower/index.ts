export * from './hashing';
export * from './tower-inputs';
export * from './two-tower-config';
export * from './two-tower-model';
export * from './train-two-tower';
export * from './publish-two-tower';
