import { status } from '@grpc/grpc-js';
import { ValidationError } from '../handlers/grpc-error';

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

class NumberField {
  constructor(
    private readonly name: string,
    private readonly value: number,
  ) {}

  integer(): this {
    if (!Number.isInteger(this.value)) throw new ValidationError(this.name, `must be an integer, got ${describe(this.value)}`);
    return this;
  }

  between(min: number, max: number): this {
    if (!(this.value >= min && this.value <= max)) {
      throw new ValidationError(this.name, `must be between ${min} and ${max}, got ${describe(this.value)}`);
    }
    return this;
  }

  atLeast(min: number): this {
    if (!(this.value >= min)) throw new ValidationError(this.name, `must be at least ${min}, got ${describe(this.value)}`);
    return this;
  }

  atMost(max: number): this {
    if (!(this.value <= max)) throw new ValidationError(this.name, `must be at most ${max}, got ${describe(this.value)}`);
    return this;
  }

  /**
   * A value of a ts-proto enum other than UNSPECIFIED (0) and UNRECOGNIZED (-1).
   * Message: "surface: must be one of SURFACE_SPOTLIGHT, SURFACE_DISCOVER, got 0".
   */
  knownEnumValue(enumObject: Record<string, string | number>): this {
    const known = Object.entries(enumObject).filter(([, value]) => typeof value === 'number' && value > 0);
    if (!known.some(([, value]) => value === this.value)) {
      throw new ValidationError(this.name, `must be one of ${known.map(([label]) => label).join(', ')}, got ${describe(this.value)}`);
    }
    return this;
  }
}

class StringField {
  constructor(
    private readonly name: string,
    private readonly value: string,
  ) {}

  /** Proto3 cannot tell an unset string from "", so both count as missing. */
  required(): this {
    if (this.value.length === 0) throw new ValidationError(this.name, 'is required');
    return this;
  }

  maxLength(max: number): this {
    if (this.value.length > max) throw new ValidationError(this.name, `must be at most ${max} characters, got ${this.value.length}`);
    return this;
  }

  matches(pattern: RegExp, description: string): this {
    if (!pattern.test(this.value)) throw new ValidationError(this.name, `must be ${description}, got ${describe(this.value)}`);
    return this;
  }
}

class ListField<T> {
  constructor(
    private readonly name: string,
    private readonly items: readonly T[],
  ) {}

  nonEmpty(): this {
    if (this.items.length === 0) throw new ValidationError(this.name, 'must not be empty');
    return this;
  }

  /** Too many items is a quota problem, not a malformed request: RESOURCE_EXHAUSTED. */
  maxItems(max: number): this {
    if (this.items.length > max) {
      throw new ValidationError(this.name, `at most ${max} items, got ${this.items.length}`, status.RESOURCE_EXHAUSTED);
    }
    return this;
  }

  /** Every item is a non-empty string; names the first offender as "item_ids[3]". */
  noEmptyItems(): this {
    const index = this.items.findIndex((item) => item === '' || item === undefined || item === null);
    if (index >= 0) throw new ValidationError(`${this.name}[${index}]`, 'is required');
    return this;
  }
}

/**
 * Fluent checks on one request field; each throws a ValidationError naming the field, which
 * unary() turns into INVALID_ARGUMENT (or RESOURCE_EXHAUSTED for oversize lists).
 *
 *   field('limit', request.limit).integer().between(1, 100);
 *   field('item_ids', request.itemIds).maxItems(2000);
 */
export function field(name: string, value: number): NumberField;
export function field(name: string, value: string): StringField;
export function field<T>(name: string, value: readonly T[]): ListField<T>;
export function field(name: string, value: number | string | readonly unknown[]): NumberField | StringField | ListField<unknown> {
  if (typeof value === 'number') return new NumberField(name, value);
  if (typeof value === 'string') return new StringField(name, value);
  return new ListField(name, value);
}
