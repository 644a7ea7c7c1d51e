import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import {
  ArtifactError,
  backendCandidates,
  disposeModel,
  initMlRuntime,
  loadArtifact,
  saveArtifact,
  wasmDistDirectory,
  weightSpecBytes,
} from '../../../src/infra/ml/index.js';

const logger = createLogger('silent');

describe('ML runtime: backend choice', () => {
  it('auto tries native TensorFlow, then WebAssembly, then plain JavaScript; a named backend is tried alone', () => {
    expect(backendCandidates('auto')).toEqual(['tensorflow', 'wasm', 'cpu']);
    expect(backendCandidates('wasm')).toEqual(['wasm']);
    expect(backendCandidates('cpu')).toEqual(['cpu']);
  });

  it('finds the WebAssembly binaries in the installed package, offline', () => {
    const directory = wasmDistDirectory();
    expect(directory.endsWith('/dist/')).toBe(true);
    expect(existsSync(`${directory}tfjs-backend-wasm-simd.wasm`)).toBe(true);
  });

  it('auto settles on wasm with SIMD here (tfjs-node is not installed), once per process', async () => {
    const runtime = await initMlRuntime({ backend: 'auto', logger });
    expect(runtime.backend).toBe('wasm');
    expect(runtime.tf.getBackend()).toBe('wasm');
    expect(runtime.simd).toBe(true);
    expect(runtime.skipped).toEqual([{ backend: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' }]);
    expect(await initMlRuntime({ backend: 'auto', logger })).toBe(runtime);
  });

  it('refuses to switch backends in a running process', async () => {
    await initMlRuntime({ backend: 'auto', logger });
    await expect(initMlRuntime({ backend: 'cpu', logger })).rejects.toThrow(/already initialised.*cannot switch/);
  });
});

describe('ML runtime: tensors are freed after training and prediction', () => {
  it('returns tf.memory().numTensors to its baseline after a 2-epoch fit, a predict and disposal', async () => {
    const { tf } = await initMlRuntime({ backend: 'auto', logger });
    const baseline = tf.memory().numTensors;

    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' })] });
    model.compile({ optimizer: tf.train.adam(0.1), loss: 'binaryCrossentropy' });
    const xs = tf.tensor2d([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    const ys = tf.tensor2d([[0], [1], [1], [0]]);
    const history = await model.fit(xs, ys, { epochs: 2, verbose: 0 });
    tf.dispose([xs, ys]);
    expect(history.history.loss).toHaveLength(2);
    // The model's two weights plus Adam's state are all that training leaves behind.
    expect(tf.memory().numTensors).toBeGreaterThan(baseline);

    const afterTraining = tf.memory().numTensors;
    const output = tf.tidy(() => (model.predict(tf.tensor2d([[1, 1]])) as typeof xs).dataSync());
    expect(output).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(afterTraining);

    disposeModel(model);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('ML runtime: artifacts (topology JSON + weight bytes)', () => {
  it('round-trips a model through withSaveHandler / fromMemory with identical predictions', async () => {
    const { tf } = await initMlRuntime({ backend: 'auto', logger });
    const baseline = tf.memory().numTensors;
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
    const artifact = await saveArtifact(tf, model);
    expect(artifact.weights.byteLength).toBe((3 * 2 + 2) * 4);
    expect(weightSpecBytes(artifact.topology.weightSpecs)).toBe(artifact.weights.byteLength);
    // Stored JSON comes back as plain data: make sure nothing depends on object identity.
    const stored = { topology: JSON.parse(JSON.stringify(artifact.topology)), weights: Buffer.from(artifact.weights) };
    const loaded = await loadArtifact(tf, stored);
    const input = [[0.5, -1, 2]];
    const [a, b] = tf.tidy(() => [
      Array.from((model.predict(tf.tensor2d(input)) as ReturnType<typeof tf.tensor2d>).dataSync()),
      Array.from((loaded.predict(tf.tensor2d(input)) as ReturnType<typeof tf.tensor2d>).dataSync()),
    ]);
    expect(b).toEqual(a);
    disposeModel(model);
    disposeModel(loaded);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('reads weights from a view into a larger buffer (how database drivers hand bytes over)', async () => {
    const { tf } = await initMlRuntime({ backend: 'auto', logger });
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
    const artifact = await saveArtifact(tf, model);
    const padded = new Uint8Array(artifact.weights.byteLength + 16);
    padded.set(artifact.weights, 8);
    const loaded = await loadArtifact(tf, { topology: artifact.topology, weights: padded.subarray(8, 8 + 8) });
    expect(loaded.getWeights().map((w) => w.shape)).toEqual([[1, 1], [1]]);
    disposeModel(model);
    disposeModel(loaded);
  });

  it('names the broken part of a corrupt artifact, leaving no tensors behind', async () => {
    const { tf } = await initMlRuntime({ backend: 'auto', logger });
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    const artifact = await saveArtifact(tf, model);
    disposeModel(model);
    const baseline = tf.memory().numTensors;

    await expect(loadArtifact(tf, { ...artifact, weights: artifact.weights.subarray(0, 4) })).rejects.toThrow(
      new ArtifactError('the weights hold 4 bytes but the weight specs need 12'),
    );
    await expect(loadArtifact(tf, { topology: { weightSpecs: [] }, weights: new Uint8Array() })).rejects.toThrow(
      /no modelTopology/,
    );
    const badLayer = {
      ...artifact.topology,
      modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'NoSuchLayer', config: {} }] } },
    };
    await expect(loadArtifact(tf, { topology: badLayer, weights: artifact.weights })).rejects.toThrow(
      /TensorFlow.js cannot build the model/,
    );
    const badSpec = { ...artifact.topology, weightSpecs: [{ name: 'w', shape: [3], dtype: 'string' }] };
    await expect(loadArtifact(tf, { topology: badSpec, weights: artifact.weights })).rejects.toThrow(
      /unsupported dtype string/,
    );
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
