import type { Consumer } from 'kafkajs';
import { runWithoutMessageSpans } from './event-consumer';

describe('runWithoutMessageSpans', () => {
  it("calls kafkajs' own run, under the OpenTelemetry instrumentation's wrapper, on the same consumer", async () => {
    const calls: string[] = [];
    const consumer = {
      name: 'c1',
      async run(this: { name: string }) {
        calls.push(`original on ${this.name}`);
      },
    };
    const original = consumer.run;
    // What the instrumentation's shimmer leaves: a wrapper marked with the function it wraps.
    const wrapper = Object.assign(
      async function (this: { name: string }) {
        calls.push(`wrapper on ${this.name}`);
      },
      { __wrapped: true, __original: original },
    );
    consumer.run = wrapper;

    await runWithoutMessageSpans(consumer as unknown as Consumer)({});
    expect(calls).toEqual(['original on c1']);
  });

  it('calls run as it is when nothing wraps it (telemetry off)', async () => {
    const calls: string[] = [];
    const consumer = {
      async run() {
        calls.push('run');
      },
    };
    await runWithoutMessageSpans(consumer as unknown as Consumer)({});
    expect(calls).toEqual(['run']);
  });
});
