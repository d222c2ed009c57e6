import '@cascade/service-kit/instrument';
import { runService } from '@cascade/service-kit';
import { configSchema } from './config';
import { setupRetrievalService } from './retrieval-service';

void runService({ name: 'candidate-retrieval', configSchema, setup: setupRetrievalService });
