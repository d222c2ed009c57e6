export { dropTopics, requireBrokers, testKafka, uniqueName, waitFor } from '../../src/testing';
