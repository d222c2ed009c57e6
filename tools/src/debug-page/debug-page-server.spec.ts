import { callFailure } from './debug-page-server';

describe('callFailure', () => {
  it('names the gRPC status of a ServiceError and prefers its details', () => {
    expect(callFailure(Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4, details: 'Deadline exceeded after 2.001s' }))).toEqual({
      code: 4,
      statusName: 'DEADLINE_EXCEEDED',
      message: 'Deadline exceeded after 2.001s',
    });
    expect(callFailure(Object.assign(new Error('14 UNAVAILABLE: down'), { code: 14, details: '' }))).toEqual({ code: 14, statusName: 'UNAVAILABLE', message: '14 UNAVAILABLE: down' });
  });

  it('has no status for anything that is not a gRPC error', () => {
    expect(callFailure(new TypeError('bad'))).toEqual({ message: 'bad' });
    expect(callFailure('plain')).toEqual({ message: 'plain' });
    expect(callFailure(undefined)).toEqual({ message: 'undefined' });
  });
});
