import type { z } from 'zod';

/**
 * Parses a JSON-valued setting (e.g. a per-surface policy) against its schema, over defaults:
 * top-level keys given replace the defaults' wholesale. Throws one message naming the setting and
 * the offending path, so a config check can report it like any other bad variable.
 */
export function parseJsonSetting<Schema extends z.ZodType>(label: string, schema: Schema, json: string | undefined, defaults: z.output<Schema>): z.output<Schema> {
  if (!json) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`${label}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const merged = isPlainObject(defaults) && isPlainObject(raw) ? { ...defaults, ...raw } : raw;
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${label} ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
