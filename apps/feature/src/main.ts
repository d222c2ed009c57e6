import './telemetry-defaults';
import '@cascade/service-kit/instrument';
import { runService } from '@cascade/service-kit';
import { configSchema } from './config';
import { setupFeatureService } from './feature-service';

void runService({ name: 'feature', configSchema, setup: setupFeatureService });
