import { ServeEvent } from '@cascade/contracts';
import { ServeLog } from './serve-log';

const event = (requestId: string) => ServeEvent.fromPartial({ requestId });

describe('ServeLog', () => {
  it('publishes off the caller’s path, batching what queued meanwhile', async () => {
    const published: string[][] = [];
    const log = new ServeLog({ publish: async (events) => void published.push(events.map((e) => e.requestId)) }, { maxQueued: 100, maxBatch: 10 });
    log.log(event('a'));
    log.log(event('b'));
    expect(published).toEqual([]);
    await log.drain();
    log.log(event('c'));
    await log.drain();
    expect(published).toEqual([['a', 'b'], ['c']]);
  });

  it('drops and counts rather than failing or growing when the sink is down or the queue is full', async () => {
    const dropped: [number, string][] = [];
    const log = new ServeLog({ publish: () => Promise.reject(new Error('broker down')) }, { maxQueued: 2, maxBatch: 10, onDropped: (n, why) => dropped.push([n, why]) });
    log.log(event('a'));
    log.log(event('b'));
    log.log(event('c'));
    await log.drain();
    expect(dropped).toEqual([
      [1, 'queue full'],
      [2, 'broker down'],
    ]);
  });

  it('lets the first event wait up to the linger for others, so that a trickle goes out in few publishes', async () => {
    const published: string[][] = [];
    const log = new ServeLog({ publish: async (events) => void published.push(events.map((e) => e.requestId)) }, { maxQueued: 100, maxBatch: 10, lingerMs: 300 });
    log.log(event('a'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    log.log(event('b'));
    expect(published).toEqual([]);
    await log.drain();
    expect(published).toEqual([['a', 'b']]);
  });

  it('publishes a full batch at once, without waiting out the linger', async () => {
    const published: string[][] = [];
    // A linger far beyond the test's timeout: only a full batch can end it.
    const log = new ServeLog({ publish: async (events) => void published.push(events.map((e) => e.requestId)) }, { maxQueued: 100, maxBatch: 2, lingerMs: 60_000 });
    log.log(event('a'));
    log.log(event('b'));
    await log.drain();
    expect(published).toEqual([['a', 'b']]);
  });
});
