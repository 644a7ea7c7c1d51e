// TensorFlow.js, initialised once per process on the best backend available (or the one TFJS_BACKEND names).
// Backends are process-global in TensorFlow.js, so this is a process-wide singleton: every caller shares one
// runtime, and asking for a different backend later is a programming error, not a silent switch.
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Logger } from '../../logger.js';
import { backendCandidates, type TfjsBackend, type TfjsBackendChoice } from './backend.js';
import { wasmDistDirectory } from './wasm-paths.js';

export type Tfjs = typeof TfNamespace;

export interface MlRuntime {
  /** The TensorFlow.js namespace, bound to the chosen backend. */
  readonly tf: Tfjs;
  readonly backend: TfjsBackend;
  /** What TFJS_BACKEND asked for. */
  readonly requested: TfjsBackendChoice;
  /** Better backends `auto` skipped, and why (e.g. tfjs-node not installed). */
  readonly skipped: ReadonlyArray<{ backend: TfjsBackend; reason: string }>;
  /** Whether the WebAssembly backend runs its SIMD build; undefined on other backends. */
  readonly simd: boolean | undefined;
  /** Tensors alive in this process and the bytes they hold (a leak shows here first). */
  memory(): { numTensors: number; numBytes: number };
}

// Not a literal in import(): TypeScript must not require the package, which cannot be installed offline.
const TFJS_NODE = '@tensorflow/tfjs-node';

let current: { choice: TfjsBackendChoice; runtime: Promise<MlRuntime> } | undefined;

/** Initialises TensorFlow.js on first call; later calls with the same choice share that runtime. */
export function initMlRuntime(options: { backend: TfjsBackendChoice; logger: Logger }): Promise<MlRuntime> {
  if (current && current.choice !== options.backend) {
    const { choice } = current;
    return Promise.reject(
      new Error(`TensorFlow.js is already initialised for TFJS_BACKEND=${choice} in this process; cannot switch`),
    );
  }
  if (!current) {
    const runtime = initialise(options.backend, options.logger);
    current = { choice: options.backend, runtime };
    // A failed start may be retried (e.g. after installing a package in a REPL); success is final.
    runtime.catch(() => (current = undefined));
  }
  return current.runtime;
}

async function initialise(choice: TfjsBackendChoice, logger: Logger): Promise<MlRuntime> {
  const tf = await import('@tensorflow/tfjs');
  // Production mode: TensorFlow.js stops writing its own console warnings (our logs are JSON through pino).
  tf.enableProdMode();
  const skipped: Array<{ backend: TfjsBackend; reason: string }> = [];
  for (const backend of backendCandidates(choice)) {
    const reason = await activate(tf, backend).catch((error: unknown) => describe(error));
    if (reason === undefined) {
      await tf.ready();
      const simd = backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : undefined;
      const runtime: MlRuntime = {
        tf,
        backend,
        requested: choice,
        skipped,
        simd: typeof simd === 'boolean' ? simd : undefined,
        memory: () => {
          const { numTensors, numBytes } = tf.memory();
          return { numTensors, numBytes };
        },
      };
      logger.info({ backend, requested: choice, simd: runtime.simd, skipped }, 'TensorFlow.js ready');
      if (backend === 'cpu') logger.warn('TensorFlow.js runs on its plain JavaScript backend: predictions are slow');
      return runtime;
    }
    skipped.push({ backend, reason });
    if (choice === 'auto') logger.debug({ backend, reason }, 'TensorFlow.js backend unavailable, trying the next');
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new Error(
    choice === 'auto'
      ? `no TensorFlow.js backend could start (${why})`
      : `TFJS_BACKEND=${choice} cannot start (${why}); set TFJS_BACKEND=auto to fall back to another backend`,
  );
}

/** Makes `backend` the active one; resolves with undefined on success or the reason it is unusable. */
async function activate(tf: Tfjs, backend: TfjsBackend): Promise<string | undefined> {
  if (backend === 'tensorflow') {
    try {
      await import(TFJS_NODE);
    } catch {
      return `${TFJS_NODE} is not installed`;
    }
    // tfjs-node registers itself on the tfjs-core it depends on: a different copy than ours would be invisible here.
    if (!tf.findBackendFactory('tensorflow')) return `${TFJS_NODE} uses another copy of @tensorflow/tfjs-core`;
  }
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmDistDirectory());
  }
  // setBackend resolves false (it does not throw) when the backend's initialisation fails.
  return (await tf.setBackend(backend)) ? undefined : `initialising the ${backend} backend failed`;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
