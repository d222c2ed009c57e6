import { StringPool } from './string-pool';

describe('StringPool', () => {
  it('returns the value it is given and holds one entry per distinct string', () => {
    const pool = new StringPool();
    expect(['en', 'US', 'en', ['e', 'n'].join('')].map((s) => pool.intern(s))).toEqual(['en', 'US', 'en', 'en']);
    expect(pool.size).toBe(2);
  });
});
