/** Kafka topic names of the public event contracts; each has a `<topic>.dlq` for bad records. */
export const topics = {
  engagement: 'cascade.engagement.v1',
  content: 'cascade.content.v1',
  serve: 'cascade.serve.v1',
} as const;

export type TopicKey = keyof typeof topics;

export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}
