import { status } from '@grpc/grpc-js';
import { ValidationError } from '../handlers/grpc-error';
import { field } from './field';

function failure(check: () => unknown): { code: status; message: string; field: string } {
  try {
    check();
  } catch (error) {
    if (error instanceof ValidationError) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a ValidationError');
}

enum Surface {
  SURFACE_UNSPECIFIED = 0,
  SURFACE_SPOTLIGHT = 1,
  SURFACE_DISCOVER = 2,
  UNRECOGNIZED = -1,
}

describe('field', () => {
  it('passes valid values through every check', () => {
    expect(() => {
      field('limit', 20).integer().between(1, 100).atLeast(1).atMost(100);
      field('user_id', 'u1').required().maxLength(64).matches(/^u\d+$/, 'a user id');
      field('item_ids', ['a', 'b']).nonEmpty().maxItems(2000).noEmptyItems();
      field('surface', Surface.SURFACE_DISCOVER).knownEnumValue(Surface);
    }).not.toThrow();
  });

  it('names the field and the rule for numbers', () => {
    expect(failure(() => field('limit', 0).between(1, 100))).toEqual({
      code: status.INVALID_ARGUMENT,
      field: 'limit',
      message: 'limit: must be between 1 and 100, got 0',
    });
    expect(failure(() => field('limit', 1.5).integer()).message).toBe('limit: must be an integer, got 1.5');
    expect(failure(() => field('limit', Number.NaN).between(1, 100)).message).toBe('limit: must be between 1 and 100, got NaN');
    expect(failure(() => field('budget_ms', -1).atLeast(0)).message).toBe('budget_ms: must be at least 0, got -1');
    expect(failure(() => field('limit', 101).atMost(100)).message).toBe('limit: must be at most 100, got 101');
  });

  it('accepts only known enum values, listing them', () => {
    expect(failure(() => field('surface', Surface.SURFACE_UNSPECIFIED).knownEnumValue(Surface)).message).toBe(
      'surface: must be one of SURFACE_SPOTLIGHT, SURFACE_DISCOVER, got 0',
    );
    expect(failure(() => field('surface', Surface.UNRECOGNIZED).knownEnumValue(Surface)).code).toBe(status.INVALID_ARGUMENT);
  });

  it('checks strings', () => {
    expect(failure(() => field('user_id', '').required()).message).toBe('user_id: is required');
    expect(failure(() => field('user_id', 'x'.repeat(300)).maxLength(128)).message).toBe('user_id: must be at most 128 characters, got 300');
    expect(failure(() => field('country', 'usa').matches(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code')).message).toBe(
      'country: must be an ISO 3166 alpha-2 code, got "usa"',
    );
  });

  it('answers RESOURCE_EXHAUSTED for oversize lists and INVALID_ARGUMENT for bad items', () => {
    const tooMany = Array.from({ length: 5000 }, (_, index) => String(index));
    expect(failure(() => field('item_ids', tooMany).maxItems(2000))).toEqual({
      code: status.RESOURCE_EXHAUSTED,
      field: 'item_ids',
      message: 'item_ids: at most 2000 items, got 5000',
    });
    expect(failure(() => field('item_ids', []).nonEmpty()).message).toBe('item_ids: must not be empty');
    expect(failure(() => field('item_ids', ['a', '', 'c']).noEmptyItems())).toMatchObject({ field: 'item_ids[1]', message: 'item_ids[1]: is required' });
  });
});
