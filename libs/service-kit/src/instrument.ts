/**
 * Import first in a service's main.ts: `import '@cascade/service-kit/instrument';`
 * Starts OpenTelemetry before @grpc/grpc-js loads so every RPC is traced and measured.
 * Deliberately imports nothing that loads grpc-js. OTEL_SDK_DISABLED=true turns it off.
 */
import { setActiveTelemetry } from './telemetry/active-telemetry';
import { startTelemetry } from './telemetry/start-telemetry';
import { telemetrySettingsFromEnv } from './telemetry/telemetry-settings';

const settings = process.env['OTEL_SDK_DISABLED']?.toLowerCase() === 'true' ? undefined : telemetrySettingsFromEnv();
if (settings) setActiveTelemetry(startTelemetry(settings));
