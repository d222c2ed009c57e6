import { logLevel } from 'kafkajs';
import { kafkaLogCreator, type EventsLogger } from './logger';

describe('kafkaLogCreator', () => {
  function capture() {
    const calls: [string, object, string | undefined][] = [];
    const logger: EventsLogger = {
      debug: (o, m) => calls.push(['debug', o, m]),
      info: (o, m) => calls.push(['info', o, m]),
      warn: (o, m) => calls.push(['warn', o, m]),
      error: (o, m) => calls.push(['error', o, m]),
    };
    return { calls, log: kafkaLogCreator(logger)(logLevel.DEBUG) };
  }
  const entry = (level: logLevel, namespace: string, message: string, extra: object = {}) => ({
    namespace,
    level,
    label: 'X',
    log: { message, timestamp: 't', logger: 'kafkajs', ...extra },
  });

  it('maps levels and passes extra fields, without kafkajs timestamp noise', () => {
    const { calls, log } = capture();
    log(entry(logLevel.WARN, 'Consumer', 'rebalancing', { groupId: 'g' }));
    log(entry(logLevel.INFO, 'Consumer', 'started'));
    log(entry(logLevel.ERROR, 'Runner', 'crash', { error: 'boom' }));
    expect(calls).toEqual([
      ['warn', { kafkajs: 'Consumer', groupId: 'g' }, 'rebalancing'],
      ['info', { kafkajs: 'Consumer' }, 'started'],
      ['error', { kafkajs: 'Runner', error: 'boom' }, 'crash'],
    ]);
  });

  it('demotes protocol error answers that kafkajs retries itself to debug', () => {
    const { calls, log } = capture();
    log(entry(logLevel.ERROR, 'Connection', 'Response GroupCoordinator(key: 10, version: 2)'));
    expect(calls.map((c) => c[0])).toEqual(['debug']);
  });
});
