/** Deterministic PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function normalizeRows(vectors: Float32Array, dim: number): Float32Array {
  for (let offset = 0; offset < vectors.length; offset += dim) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += vectors[offset + j]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; j++) vectors[offset + j]! *= scale;
  }
  return vectors;
}

/** `count` L2-normalised vectors with independent Gaussian components (uniform on the sphere). */
export function randomUnitVectors(count: number, dim: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const vectors = new Float32Array(count * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = gaussian(random);
  return normalizeRows(vectors, dim);
}

/**
 * `count` L2-normalised vectors from a Gaussian mixture: `clusters` random unit centres, each
 * vector a centre plus isotropic noise of standard deviation `spread` per component. Closer to
 * learned item embeddings than uniform vectors (topics, creators), and harder for HNSW at equal
 * recall because neighbours crowd together.
 */
export function clusteredUnitVectors(count: number, dim: number, options: { clusters: number; spread: number; seed: number; centresSeed?: number }): Float32Array {
  const centres = randomUnitVectors(options.clusters, dim, options.centresSeed ?? options.seed ^ 0x5bd1e995);
  const random = seededRandom(options.seed);
  const vectors = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const centre = Math.floor(random() * options.clusters) * dim;
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = centres[centre + j]! + options.spread * gaussian(random);
  }
  return normalizeRows(vectors, dim);
}
