import { layout } from '../state-layout';
import type { Register } from './entity-table';

const categoriesRegister = layout.attribute('categories');
const noCategories: readonly string[] = [];

/** Parsed categories per register write (a store returns the same object until the next write). */
const parsedCategories = new WeakMap<object, readonly string[]>();

/** An item's categories from its registers, as ItemView reads them (none when absent or unreadable). */
export function itemCategories(registers: Readonly<Record<string, Register>> | undefined): readonly string[] {
  const register = registers?.[categoriesRegister];
  if (register === undefined) return noCategories;
  let categories = parsedCategories.get(register);
  if (categories === undefined) {
    try {
      const parsed: unknown = JSON.parse(register.value);
      categories = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : noCategories;
    } catch {
      categories = noCategories;
    }
    parsedCategories.set(register, categories);
  }
  return categories;
}
