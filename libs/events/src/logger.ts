import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/** The logging surface this library needs; pino loggers satisfy it as they are. */
export interface EventsLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: EventsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** How much of kafkajs' own logging to forward. */
export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const kafkaLevels: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

export function toKafkaLogLevel(level: KafkaLogLevel): logLevel {
  return kafkaLevels[level];
}

/**
 * kafkajs logs every retriable protocol error answer ("[Connection] Response ...: The coordinator is
 * loading") at ERROR although it retries them itself; those go to debug so the default stays quiet.
 */
function isRetriedResponse(entry: LogEntry): boolean {
  return entry.log.message.startsWith('Response ') && entry.namespace === 'Connection';
}

/** Maps kafkajs log entries onto an EventsLogger (pino-style `(obj, msg)` calls). */
export function kafkaLogCreator(logger: EventsLogger): logCreator {
  return () => (entry: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _name, ...extra } = entry.log as unknown as Record<string, unknown> & {
      message: string;
    };
    const obj = { kafkajs: entry.namespace, ...extra };
    if (entry.level === logLevel.ERROR && !isRetriedResponse(entry)) logger.error(obj, message);
    else if (entry.level === logLevel.ERROR || entry.level === logLevel.DEBUG) logger.debug(obj, message);
    else if (entry.level === logLevel.WARN) logger.warn(obj, message);
    else if (entry.level === logLevel.INFO) logger.info(obj, message);
  };
}
