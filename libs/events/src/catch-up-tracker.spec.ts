import { CatchUpTracker } from './catch-up-tracker';

describe('CatchUpTracker', () => {
  it('is caught up at once when every partition is empty', () => {
    expect(new CatchUpTracker([{ partition: 0, high: '5', low: '5' }]).caughtUp).toBe(true);
  });

  it('waits for the last record present at start on every partition', async () => {
    const tracker = new CatchUpTracker([
      { partition: 0, high: '10', low: '0' },
      { partition: 1, high: '3', low: '0' },
    ]);
    let done = false;
    void tracker.whenCaughtUp().then(() => (done = true));
    tracker.observe(0, '9');
    tracker.observe(1, '1');
    await Promise.resolve();
    expect(done).toBe(false);
    expect(tracker.behind()).toEqual({ 1: '2' });
    tracker.observe(1, '7');
    await Promise.resolve();
    expect(done).toBe(true);
  });
});
