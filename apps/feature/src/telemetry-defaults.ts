/**
 * Imported before the kit's instrument entry. The KafkaJS instrumentation starts a span and records
 * a histogram for every consumed message; at the feature service's event rates that was about a
 * sixth of the ingestion CPU (tools/bench/feature-ingestion.ts). Setting
 * OTEL_NODE_DISABLED_INSTRUMENTATIONS (even to '') chooses otherwise.
 */
process.env['OTEL_NODE_DISABLED_INSTRUMENTATIONS'] ??= 'kafkajs';
