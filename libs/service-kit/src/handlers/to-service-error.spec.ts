import { status } from '@grpc/grpc-js';
import { createLogger } from '../logging/create-logger';
import { GrpcError, ValidationError } from './grpc-error';
import { toServiceError } from './to-service-error';

const silent = createLogger({ service: 'spec', level: 'silent' });
const path = '/cascade.ranking.v1.RankingService/Rank';

describe('toServiceError', () => {
  it('keeps the code and message of GrpcErrors', () => {
    expect(toServiceError(new ValidationError('limit', 'must be between 1 and 100, got 0'), { aborted: undefined, logger: silent, path })).toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'limit: must be between 1 and 100, got 0',
    });
    expect(toServiceError(new GrpcError(status.NOT_FOUND, 'no such model'), { aborted: undefined, logger: silent, path })).toMatchObject({
      code: status.NOT_FOUND,
      details: 'no such model',
    });
  });

  it('reports the abort reason for failures that follow an abort', () => {
    const aborted = new GrpcError(status.DEADLINE_EXCEEDED, 'deadline exceeded');
    expect(toServiceError(Object.assign(new Error('downstream'), { code: status.CANCELLED }), { aborted, logger: silent, path })).toMatchObject({
      code: status.DEADLINE_EXCEEDED,
    });
  });

  it('hides anything else behind INTERNAL', () => {
    const error = toServiceError(new TypeError('x is undefined at secret.ts:12'), { aborted: undefined, logger: silent, path });
    expect(error).toMatchObject({ code: status.INTERNAL, details: 'internal error' });
    expect(error.stack).not.toContain('secret.ts');
  });
});
