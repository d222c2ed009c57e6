import { Kafka, type RetryOptions } from 'kafkajs';
import { kafkaLogCreator, silentLogger, toKafkaLogLevel, type EventsLogger, type KafkaLogLevel } from './logger';

export interface KafkaClientOptions {
  /** Bootstrap brokers ("host:port", list or comma-separated); defaults to KAFKA_BROKERS. */
  brokers?: string | readonly string[];
  clientId?: string;
  logger?: EventsLogger;
  /** kafkajs' own log output forwarded to logger; default 'error' (quiet). */
  kafkaLogLevel?: KafkaLogLevel;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retry?: RetryOptions;
}

/** Parses a broker list such as "127.0.0.1:9092,127.0.0.1:9093". */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** Brokers from the KAFKA_BROKERS variable; throws naming the variable when it is unset or empty. */
export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = parseBrokers(env['KAFKA_BROKERS'] ?? '');
  if (brokers.length === 0) {
    throw new Error('KAFKA_BROKERS is not set: give the Kafka bootstrap brokers as host:port[,host:port...]');
  }
  return brokers;
}

/** A kafkajs client whose logs go to the given logger. */
export function createKafka(options: KafkaClientOptions = {}): Kafka {
  const brokers =
    options.brokers === undefined
      ? brokersFromEnv()
      : typeof options.brokers === 'string'
        ? parseBrokers(options.brokers)
        : [...options.brokers];
  if (brokers.length === 0) throw new Error('createKafka: no brokers given');
  return new Kafka({
    clientId: options.clientId ?? 'cascade',
    brokers,
    logLevel: toKafkaLogLevel(options.kafkaLogLevel ?? 'error'),
    logCreator: kafkaLogCreator(options.logger ?? silentLogger),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
  });
}
