import { z } from 'zod';

type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

/** A required string variable; its problems read "is required" or "expected …" (loadConfig appends what it got). */
function envVariable<T>(parse: (raw: string) => Parsed<T>) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : undefined) })
    .transform((raw, ctx): T => {
      const parsed = parse(raw.trim());
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `expected ${parsed.expected}` });
        return z.NEVER;
      }
      return parsed.value;
    });
}

function parseInteger(raw: string, min: number, max: number, expected: string): Parsed<number> {
  const value = /^[-+]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(value) && value >= min && value <= max ? { ok: true, value } : { ok: false, expected };
}

const truthy = new Set(['true', '1', 'yes', 'on']);
const falsy = new Set(['false', '0', 'no', 'off']);

/**
 * Builders for environment-variable schemas. Each is a required zod schema;
 * chain `.default(v)` or `.optional()` as usual. Values are trimmed; loadConfig treats "" as unset.
 */
export const env = {
  string: () => envVariable((raw) => (raw.length > 0 ? { ok: true, value: raw } : { ok: false, expected: 'a non-empty string' })),

  int: ({ min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
    envVariable((raw) => parseInteger(raw, min, max, `an integer between ${min} and ${max}`)),

  /** A finite decimal number, e.g. a weight or a rate. */
  number: ({ min = -Number.MAX_VALUE, max = Number.MAX_VALUE }: { min?: number; max?: number } = {}) =>
    envVariable((raw): Parsed<number> => {
      const value = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isFinite(value) && value >= min && value <= max ? { ok: true, value } : { ok: false, expected: `a number between ${min} and ${max}` };
    }),

  /** A TCP port; 0 is allowed (for gRPC it means "any free port"). */
  port: () => envVariable((raw) => parseInteger(raw, 0, 65_535, 'a number between 0 and 65535')),

  bool: () =>
    envVariable((raw): Parsed<boolean> => {
      const lowered = raw.toLowerCase();
      if (truthy.has(lowered)) return { ok: true, value: true };
      if (falsy.has(lowered)) return { ok: true, value: false };
      return { ok: false, expected: 'true or false' };
    }),

  oneOf: <const T extends string>(values: readonly T[]) =>
    envVariable((raw): Parsed<T> =>
      (values as readonly string[]).includes(raw) ? { ok: true, value: raw as T } : { ok: false, expected: `one of ${values.join(', ')}` },
    ),

  url: () =>
    envVariable((raw): Parsed<string> => (URL.canParse(raw) ? { ok: true, value: raw } : { ok: false, expected: 'an absolute URL' })),
};
