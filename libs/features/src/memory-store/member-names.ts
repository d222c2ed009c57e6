/**
 * Numbers for timeline members (item and creator ids): timelines keep the number in a typed array
 * instead of a reference per entry, and the store keeps one copy of each name.
 */
export class MemberNames {
  private readonly numbers = new Map<string, number>();
  private readonly names: string[] = [];

  numberOf(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.numbers.set(name, n);
      this.names.push(name);
    }
    return n;
  }

  nameOf(n: number): string {
    return this.names[n]!;
  }

  /** Orders two members by name (the code-unit order of `<` on strings). */
  compare(a: number, b: number): number {
    if (a === b) return 0;
    const x = this.names[a]!;
    const y = this.names[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  clear(): void {
    this.numbers.clear();
    this.names.length = 0;
  }
}
