export { dropTopics, requireBrokers, testKafka, uniqueName, waitFor } from './kafka-test-env';
export { TestProducer } from './test-producer';
