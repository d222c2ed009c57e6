import { z } from 'zod';
import { parseJsonSetting } from './json-setting';

const schema = z.object({ a: z.object({ cap: z.number().int().min(1) }), b: z.object({ cap: z.number().int().min(1) }) }).strict();
const defaults = { a: { cap: 1 }, b: { cap: 2 } };

describe('parseJsonSetting', () => {
  it('returns the defaults when unset and replaces only the top-level keys given', () => {
    expect(parseJsonSetting('policy', schema, undefined, defaults)).toBe(defaults);
    expect(parseJsonSetting('policy', schema, '{"b":{"cap":5}}', defaults)).toEqual({ a: { cap: 1 }, b: { cap: 5 } });
  });

  it('names the setting and the offending path', () => {
    expect(() => parseJsonSetting('policy', schema, '{"b":{"cap":0}}', defaults)).toThrow('policy b.cap: Too small: expected number to be >=1');
    expect(() => parseJsonSetting('policy', schema, '{"c":{}}', defaults)).toThrow(/^policy : Unrecognized key/);
    expect(() => parseJsonSetting('policy', schema, '{oops', defaults)).toThrow(/^policy: not JSON/);
  });

  it('parses arrays without merging', () => {
    expect(parseJsonSetting('list', z.array(z.string()), '["x"]', [])).toEqual(['x']);
  });
});
