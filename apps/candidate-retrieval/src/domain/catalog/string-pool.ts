/**
 * One shared instance per distinct string. Attributes repeated across a million items (creator,
 * language, country, category) then cost one string each, and comparing or hashing two pooled
 * strings touches one object rather than two.
 */
export class StringPool {
  private readonly pooled = new Map<string, string>();

  get size(): number {
    return this.pooled.size;
  }

  intern(value: string): string {
    const existing = this.pooled.get(value);
    if (existing !== undefined) return existing;
    this.pooled.set(value, value);
    return value;
  }
}
