import type { ValidationIssue } from './errors';

/** Small rule helpers shared by the per-event validators; each pushes an issue naming the field. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  add(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  requireText(field: string, value: unknown, maxLength = 256): void {
    if (typeof value !== 'string' || value.trim() === '') this.add(field, 'is required');
    else if (value.length > maxLength) this.add(field, `is longer than ${maxLength} characters`);
  }

  optionalText(field: string, value: unknown, maxLength = 256): void {
    if (value === undefined || value === '') return;
    if (typeof value !== 'string') this.add(field, 'must be a string');
    else if (value.length > maxLength) this.add(field, `is longer than ${maxLength} characters`);
  }

  /** An epoch-milliseconds time that must be present. */
  requirePositiveInt(field: string, value: unknown): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      this.add(field, `must be a positive integer, got ${String(value)}`);
    }
  }

  nonNegativeInt(field: string, value: unknown): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      this.add(field, `must be a non-negative integer, got ${String(value)}`);
    }
  }

  finiteNumber(field: string, value: unknown): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(field, `must be a finite number, got ${String(value)}`);
    }
  }

  /** An enum value the schema knows; `allowed` lists the accepted members. */
  oneOf(field: string, value: unknown, allowed: readonly number[], names: (v: number) => string): void {
    if (typeof value !== 'number' || !allowed.includes(value)) {
      const got = typeof value === 'number' ? names(value) : String(value);
      this.add(field, `must be one of ${allowed.map(names).join(', ')}, got ${got}`);
    }
  }
}

/** Members of a ts-proto numeric enum, without UNRECOGNIZED (-1). */
export function enumMembers(enumObject: Record<string, string | number>): number[] {
  return Object.values(enumObject).filter((v): v is number => typeof v === 'number' && v >= 0);
}
