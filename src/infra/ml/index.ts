// Machine learning runtime (TensorFlow.js): the backend, and a model's stored form.
export { TFJS_BACKENDS, backendCandidates, type TfjsBackend, type TfjsBackendChoice } from './backend.js';
export { initMlRuntime, type MlRuntime, type Tfjs } from './runtime.js';
export {
  ArtifactError,
  loadArtifact,
  saveArtifact,
  weightSpecBytes,
  type ArtifactTopology,
  type ModelArtifact,
} from './artifact.js';
export { disposeModel } from './dispose-model.js';
export { wasmDistDirectory } from './wasm-paths.js';
