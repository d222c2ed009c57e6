import '@cascade/service-kit/instrument';
import { runService } from '@cascade/service-kit';
import { configSchema } from './config';
import { setupRankingService } from './ranking-service';

void runService({ name: 'ranking', configSchema, setup: setupRankingService });
