// Stops a service process a benchmark started, and says why it had stopped if it died on its own
// (the bench then fails with the service's own error rather than a bare ECONNREFUSED).
import type { ServiceProcess } from '@cascade/service-kit/testing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function stopService(service: ServiceProcess, name: string, log: (message: string) => void): Promise<void> {
  const early = await Promise.race([service.exited, sleep(0).then(() => undefined)]);
  if (early && early.code !== 0) {
    log(`${name} had exited by itself (code ${early.code}, signal ${early.signal}); its stderr ends with:\n${service.errorOutput.slice(-3000)}`);
    const lastLines = service.lines.slice(-5).map((line) => JSON.stringify(line));
    if (lastLines.length) log(`its last log lines:\n${lastLines.join('\n')}`);
  }
  service.signal('SIGTERM');
  await Promise.race([service.exited, sleep(15_000)]);
  service.close();
}
