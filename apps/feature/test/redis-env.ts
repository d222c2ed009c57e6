/** The real redis-server the test command started (tools/ci/test.mjs), or a clear failure. */
export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) {
    throw new Error('REDIS_URL is not set: run the tests with `npm test`, or start Redis with `node tools/redis/redis.mjs start` and export REDIS_URL');
  }
  return url;
}
