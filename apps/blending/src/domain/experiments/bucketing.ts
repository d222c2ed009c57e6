import { createHash } from 'node:crypto';

export const BUCKETS = 10_000;

/** A user's bucket in [0, BUCKETS) for one experiment: stable, and independent across salts. */
export function bucketOf(userId: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${userId}`).digest().readUInt32BE(0) % BUCKETS;
}
