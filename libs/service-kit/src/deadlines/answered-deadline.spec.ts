import { Metadata, status } from '@grpc/grpc-js';
import { answeredDeadline, DEADLINE_GRACE_HEADER, deadlineExceededError, deadlineGraceFrom, HARD_DEADLINE_GRACE_MS, withDeadlineGrace } from './answered-deadline';

describe('answered deadlines', () => {
  it('marks a call whose gRPC deadline carries the grace, without touching the caller metadata', () => {
    const own = new Metadata();
    own.set('x-request-id', 'r1');
    const sent = withDeadlineGrace(own);
    expect(sent.get(DEADLINE_GRACE_HEADER)).toEqual([String(HARD_DEADLINE_GRACE_MS)]);
    expect(sent.get('x-request-id')).toEqual(['r1']);
    expect(own.get(DEADLINE_GRACE_HEADER)).toEqual([]);
  });

  it('takes the grace off the gRPC deadline on the server, and only a well-formed one', () => {
    expect(answeredDeadline(10_000, withDeadlineGrace(undefined, 250))).toBe(9_750);
    expect(answeredDeadline(10_000, new Metadata())).toBe(10_000);
    expect(answeredDeadline(Infinity, withDeadlineGrace(undefined))).toBe(Infinity);
    const odd = new Metadata();
    odd.set(DEADLINE_GRACE_HEADER, '-5');
    expect(deadlineGraceFrom(odd)).toBeUndefined();
    odd.set(DEADLINE_GRACE_HEADER, '1e9');
    expect(deadlineGraceFrom(odd)).toBeUndefined();
  });

  it('rejects like grpc-js does, with the DEADLINE_EXCEEDED code and details', () => {
    const error = deadlineExceededError(1234);
    expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED });
    expect(error.details).toContain('after 1.234s');
    expect(error.message).toMatch(/^4 DEADLINE_EXCEEDED: /);
  });
});
