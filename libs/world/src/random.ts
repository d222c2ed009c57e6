/**
 * Seeded randomness for the world generator. Everything here is deterministic: the same seed gives
 * the same sequence on every platform (32-bit integer arithmetic plus V8's fdlibm-based Math).
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * passes PractRand to multiple TB), seeded through a splitmix32-style mixer so that nearby seeds and
 * stream keys give unrelated sequences.
 */

const TWO_POW_32 = 4294967296;

/** A 32-bit avalanche mix (the finalizer of murmur3 / splitmix32). */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hash of a string into 32 bits (FNV-1a followed by an avalanche mix). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/** Combines a seed and up to three stream keys into one well-mixed 32-bit value. */
export function hashKeys(seed: number, a = 0, b = 0, c = 0): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul((a >>> 0) + 0x7f4a7c15, 0x85ebca6b));
  h = mix32(h ^ Math.imul((b >>> 0) + 0x165667b1, 0xc2b2ae35));
  h = mix32(h ^ Math.imul((c >>> 0) + 0x27d4eb2f, 0x9e3779b1));
  return h;
}

/** A deterministic pseudo-random generator with the samplers the world needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  /**
   * @param seed any integer (only the low 32 bits count)
   * @param stream independent streams of one seed (e.g. `hashString('users')`)
   * @param index a further key (e.g. an item index) for per-entity streams
   */
  constructor(seed: number, stream = 0, index = 0) {
    const h = hashKeys(seed, stream, index);
    this.a = mix32(h ^ 0x243f6a88);
    this.b = mix32(h ^ 0x85a308d3);
    this.c = mix32(h ^ 0x13198a2e);
    this.d = 1;
    // Warm up so that the first outputs are well mixed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A fresh generator for a named sub-stream, independent of how much this one has been used. */
  static derive(seed: number, streamName: string, index = 0): Rng {
    return new Rng(seed, hashString(streamName), index);
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller, the second value is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return mean + sd * z;
    }
    let u = this.next();
    while (u <= 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Pareto (power law) with minimum xm and tail index alpha: P(X > x) = (xm / x)^alpha. */
  pareto(alpha: number, xm = 1): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  /** Geometric number of trials until the first success, with the given mean (≥ 1). */
  geometric(mean: number): number {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** Poisson (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Index drawn with probability proportional to weights (linear scan; use AliasTable for many draws). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(values: T[]): T[] {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = values[i]!;
      values[i] = values[j]!;
      values[j] = t;
    }
    return values;
  }

  /** Fills `out` with independent standard normals. */
  fillNormal(out: Float32Array | Float64Array, offset = 0, length = out.length - offset, sd = 1): void {
    for (let i = 0; i < length; i++) out[offset + i] = sd * this.normal();
  }
}

/**
 * Walker/Vose alias table: O(n) to build, O(1) per draw from a fixed discrete distribution.
 */
export class AliasTable {
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`AliasTable weight ${i} is ${w}`);
      total += w;
    }
    if (total <= 0) {
      this.prob.fill(1);
      for (let i = 0; i < n; i++) this.alias[i] = i;
      return;
    }
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns]!;
      const l = large[--nl]!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    while (nl > 0) {
      const l = large[--nl]!;
      this.prob[l] = 1;
      this.alias[l] = l;
    }
    while (ns > 0) {
      const s = small[--ns]!;
      this.prob[s] = 1;
      this.alias[s] = s;
    }
  }

  /** Draws an index in [0, size). */
  sample(rng: Rng): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    return u - i < this.prob[i]! ? i : this.alias[i]!;
  }
}

/** Zipf weights 1/(rank+1)^s for n ranks. */
export function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / Math.pow(i + 1, s);
  return w;
}

/** Sampler of Zipf-distributed ranks in [0, n). */
export class ZipfSampler {
  private readonly table: AliasTable;
  constructor(n: number, s: number) {
    this.table = new AliasTable(zipfWeights(n, s));
  }
  sample(rng: Rng): number {
    return this.table.sample(rng);
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
