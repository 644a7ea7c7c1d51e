// The training loop: mini-batches in a seeded order each epoch, densified from sparse rows one batch at a time
// (memory stays flat whatever the vocabulary), validation after every epoch, early stopping that keeps the best
// epoch's weights, and a stop at the next batch when the run is asked to stop. Every tensor it creates is freed.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { Tfjs } from '../../infra/ml/index.js';
import { classificationMetrics } from './classification-metrics.js';
import { EarlyStopping } from './early-stopping.js';
import { permutation, seededRandom } from '../../lib/seeded-random.js';
import type { SparseRows } from './sparse-rows.js';

export interface ClassifierData {
  rows: SparseRows;
  /** The label index of each row. */
  labels: Int32Array;
}

export interface EpochReport {
  epoch: number;
  /** Mean training loss over the epoch's batches (cross-entropy plus the L2 penalty). */
  loss: number;
  accuracy: number;
  /** Cross-entropy on the validation examples with the epoch's final weights. */
  valLoss: number;
  valAccuracy: number;
  /** Training examples per second of this epoch (validation excluded). */
  samplesPerSecond: number;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  patience: number;
  seed: number;
  signal: AbortSignal;
  onEpoch(report: EpochReport): Promise<void>;
}

export interface FitOutcome {
  history: EpochReport[];
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Examples per second over all epochs' training time. */
  samplesPerSecond: number;
}

// Hand the event loop a turn at least this often: in the API process, requests keep being served while it trains.
const MAX_BUSY_MS = 20;
const PREDICT_BATCH = 256;

export async function fitClassifier(
  tf: Tfjs,
  network: LayersModel,
  train: ClassifierData,
  validation: ClassifierData,
  options: FitOptions,
): Promise<FitOutcome> {
  const labels = network.outputs[0]!.shape[1]!;
  const random = seededRandom(options.seed);
  const stopping = new EarlyStopping(options.patience);
  const history: EpochReport[] = [];
  let best: Tensor[] | undefined;
  let trainedMs = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= options.epochs && !options.signal.aborted; epoch++) {
      const started = performance.now();
      const { loss, accuracy } = await trainEpoch(tf, network, train, labels, options, random);
      const epochMs = performance.now() - started;
      trainedMs += epochMs;
      if (options.signal.aborted) break;
      const scores = predictScores(tf, network, validation.rows);
      const checked = classificationMetrics(scores, validation.labels, labels);
      const report: EpochReport = {
        epoch,
        loss,
        accuracy,
        valLoss: checked.logLoss,
        valAccuracy: checked.accuracy,
        samplesPerSecond: train.labels.length / (epochMs / 1000),
      };
      history.push(report);
      const { improved, stop } = stopping.observe(epoch, report.valLoss);
      if (improved) {
        tf.dispose(best);
        best = network.getWeights().map((weight) => weight.clone());
      }
      await options.onEpoch(report);
      if (stop && epoch < options.epochs) {
        stoppedEarly = true;
        break;
      }
    }
    if (best) network.setWeights(best);
  } finally {
    tf.dispose(best);
  }
  const trainedExamples = history.length * train.labels.length;
  return {
    history,
    bestEpoch: stopping.bestEpoch,
    stoppedEarly,
    samplesPerSecond: trainedMs > 0 ? trainedExamples / (trainedMs / 1000) : 0,
  };
}

async function trainEpoch(
  tf: Tfjs,
  network: LayersModel,
  data: ClassifierData,
  labels: number,
  options: FitOptions,
  random: () => number,
): Promise<{ loss: number; accuracy: number }> {
  const order = permutation(data.labels.length, random);
  let lossSum = 0;
  let accuracySum = 0;
  let yieldedAt = performance.now();
  for (let start = 0; start < order.length; start += options.batchSize) {
    if (options.signal.aborted) break;
    const batch = order.subarray(start, start + options.batchSize);
    const x = tf.tensor2d(data.rows.dense(batch), [batch.length, data.rows.width]);
    const oneHot = new Float32Array(batch.length * labels);
    batch.forEach((row, i) => (oneHot[i * labels + data.labels[row]!] = 1));
    const y = tf.tensor2d(oneHot, [batch.length, labels]);
    try {
      const [loss, accuracy] = (await network.trainOnBatch(x, y)) as number[];
      lossSum += loss! * batch.length;
      accuracySum += accuracy! * batch.length;
    } finally {
      tf.dispose([x, y]);
    }
    if (performance.now() - yieldedAt > MAX_BUSY_MS) {
      await nextTurn();
      yieldedAt = performance.now();
    }
  }
  const seen = order.length || 1;
  return { loss: lossSum / seen, accuracy: accuracySum / seen };
}

/** Softmax scores of every row, [rows × labels] row-major, predicted a batch at a time. */
export function predictScores(tf: Tfjs, network: LayersModel, rows: SparseRows): Float32Array {
  const labels = network.outputs[0]!.shape[1]!;
  const out = new Float32Array(rows.length * labels);
  for (let start = 0; start < rows.length; start += PREDICT_BATCH) {
    const indices = Array.from({ length: Math.min(PREDICT_BATCH, rows.length - start) }, (_, i) => start + i);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(rows.dense(indices), [indices.length, rows.width]);
      return (network.predict(x) as Tensor).dataSync();
    });
    out.set(values, start * labels);
  }
  return out;
}
