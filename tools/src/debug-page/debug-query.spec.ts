import { parseDebugQuery } from './debug-query';

const parse = (query: string) => parseDebugQuery(new URLSearchParams(query));

describe('parseDebugQuery', () => {
  it('reads user, surface and limit, with spotlight and 20 by default', () => {
    expect(parse('user=u42&surface=stories&limit=5')).toEqual({ kind: 'request', query: { userId: 'u42', surface: 'stories', limit: 5 } });
    expect(parse('user=u42')).toEqual({ kind: 'request', query: { userId: 'u42', surface: 'spotlight', limit: 20 } });
  });

  it('shows the bare form without a query', () => {
    expect(parse('')).toEqual({ kind: 'form' });
  });

  it('refuses a missing user, an unknown surface and a limit out of 1..100, keeping what was valid', () => {
    expect(parse('surface=discover')).toEqual({ kind: 'invalid', message: 'user is required', partial: { userId: '', surface: 'discover' } });
    expect(parse('user=u1&surface=feed')).toMatchObject({ kind: 'invalid', message: 'unknown surface "feed" (one of spotlight, discover, stories)', partial: { userId: 'u1' } });
    expect(parse('user=u1&limit=0')).toMatchObject({ kind: 'invalid', message: 'limit must be an integer from 1 to 100, got "0"' });
    expect(parse('user=u1&limit=2.5')).toMatchObject({ kind: 'invalid' });
    expect(parse('user=u1&limit=101')).toMatchObject({ kind: 'invalid' });
    expect(parse('user=u1&surface=constructor')).toMatchObject({ kind: 'invalid' });
  });
});
