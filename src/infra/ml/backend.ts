// Which TensorFlow.js backends exist here and in which order `auto` tries them. Pure, so the choice is testable
// without loading any of them.

/** Best first: native TensorFlow (only when @tensorflow/tfjs-node is installed), WebAssembly with SIMD, plain JS. */
export const TFJS_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];
export type TfjsBackendChoice = 'auto' | TfjsBackend;

/** The backends to try for a TFJS_BACKEND choice, in order: `auto` falls through to the next on failure. */
export function backendCandidates(choice: TfjsBackendChoice): TfjsBackend[] {
  return choice === 'auto' ? [...TFJS_BACKENDS] : [choice];
}
