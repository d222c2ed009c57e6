import type { IHeaders } from 'kafkajs';

/** Reads one record header as text (first value when repeated; header names are case-insensitive). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  // for…in rather than Object.entries: same order, no array per record on the consumer's hot path.
  for (const key in headers) {
    const raw = headers[key];
    if (raw === undefined || (key !== wanted && key.toLowerCase() !== wanted)) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    return value === undefined ? undefined : value.toString();
  }
  return undefined;
}
