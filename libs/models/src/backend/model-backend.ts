import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** TF.js backends in order of preference: native TensorFlow, then WebAssembly, then plain JS. */
export const backendPreference = ['tensorflow', 'wasm', 'cpu'] as const;
export type ModelBackendName = (typeof backendPreference)[number];

export interface BackendAttempt {
  backend: ModelBackendName;
  ok: boolean;
  error?: string;
}

export interface ModelBackend {
  name: ModelBackendName;
  /** Every backend tried, with why the faster ones did not load. */
  attempts: BackendAttempt[];
}

export interface BackendLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

let active: Promise<ModelBackend> | undefined;

let nativeLoad: { error: string | null } | undefined;

/**
 * Loads the optional @tensorflow/tfjs-node, which registers the 'tensorflow' backend, once per
 * process. Returns why it cannot load (not installed, or its binding was never built), else null.
 */
export function nativeBackendLoadError(): string | null {
  if (!nativeLoad) {
    // TensorFlow's C++ logging would otherwise print CPU-feature notices at every start.
    process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '1';
    // A computed name keeps bundlers from resolving the optional package at build time.
    const nativePackage = ['@tensorflow', 'tfjs-node'].join('/');
    try {
      require(nativePackage);
      nativeLoad = { error: null };
    } catch (error) {
      nativeLoad = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
  }
  return nativeLoad.error;
}

async function tryBackend(name: ModelBackendName): Promise<void> {
  const nativeError = name === 'tensorflow' ? nativeBackendLoadError() : null;
  if (nativeError) throw new Error(nativeError);
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not initialise`);
  await tf.ready();
  // Smoke test: a backend that registers but cannot compute must not be chosen.
  const product = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync());
  if (product[0] !== 3) throw new Error(`backend ${name} computed a wrong product`);
}

/**
 * Picks the fastest backend that loads, once per process, and reports which one runs.
 * CASCADE_TFJS_BACKEND pins one (e.g. for parity tests); an explicit preference list may too.
 */
export function initModelBackend(options: { prefer?: readonly ModelBackendName[]; logger?: BackendLogger } = {}): Promise<ModelBackend> {
  active ??= (async () => {
    tf.enableProdMode();
    const pinned = process.env['CASCADE_TFJS_BACKEND'] as ModelBackendName | undefined;
    const order = options.prefer ?? (pinned ? [pinned] : backendPreference);
    const attempts: BackendAttempt[] = [];
    for (const backend of order) {
      try {
        await tryBackend(backend);
        attempts.push({ backend, ok: true });
        options.logger?.info({ backend, attempts }, 'model backend ready');
        return { name: backend, attempts };
      } catch (error) {
        attempts.push({ backend, ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      }
    }
    options.logger?.warn({ attempts }, 'no model backend could load');
    throw new Error(`no TF.js backend could load: ${attempts.map((a) => `${a.backend}: ${a.error}`).join('; ')}`);
  })();
  return active;
}

/** Switches the process to another backend (parity tests and benchmarks). */
export async function useBackend(name: ModelBackendName): Promise<void> {
  // As initModelBackend: without prod mode every tensor read or made is scanned value by value.
  tf.enableProdMode();
  await tryBackend(name);
  active = Promise.resolve({ name, attempts: [{ backend: name, ok: true }] });
}

export function currentBackend(): string {
  return tf.getBackend();
}

export { tf };
