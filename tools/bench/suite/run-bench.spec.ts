import { firstErrorLine } from './run-bench';

describe('firstErrorLine', () => {
  it('picks the error message out of a child stderr, skipping progress logs and stack frames', () => {
    const stderr = [
      '[bench] memory: producing 100000 events',
      'Error: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:46527',
      '    at callErrorFromStatus (node_modules/@grpc/grpc-js/build/src/call.js:32:19)',
      '{',
      '  code: 14,',
      '}',
    ].join('\n');
    expect(firstErrorLine(stderr)).toBe('Error: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:46527');
  });

  it('is undefined when nothing reads like an error', () => {
    expect(firstErrorLine('[bench] all fine\n')).toBeUndefined();
  });
});
