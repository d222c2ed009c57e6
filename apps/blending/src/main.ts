import '@cascade/service-kit/instrument';
import { runService } from '@cascade/service-kit';
import { setupBlendingService } from './blending-service';
import { configSchema } from './config';

void runService({ name: 'blending', configSchema, setup: setupBlendingService });
