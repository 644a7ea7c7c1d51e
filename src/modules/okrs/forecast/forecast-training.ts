// Training and held-out evaluation of kr-forecast on SYNTHETIC histories (synthetic-histories.ts): key results are
// split 70/15/15 into train, validation (early stopping) and test; every example of one key result stays in one
// part. The test part scores the model and the two baselines it must beat: linear extrapolation of the check-ins
// (Platt-scaled on the training part, so it is compared at its best) and the owner's own latest confidence.
import type { LayersModel } from '@tensorflow/tfjs';
import type { Tfjs } from '../../../infra/ml/index.js';
import { permutation, seededRandom } from '../../../lib/seeded-random.js';
import { compileFeatures, type FeatureSpec } from '../../registry/index.js';
import type { KeyResultTemplate } from '../examples/key-result-text.js';
import { FORECAST_FEATURES, type ForecastRow } from './forecast-features.js';
import {
  auc,
  brier,
  coverage,
  meanAbsoluteError,
  plattScaling,
  reliability,
  type ReliabilityBin,
} from './forecast-metrics.js';
import { buildForecastNetwork, forecastLoss, readForecastOutput } from './forecast-network.js';
import { forecastExamples, generateHistories, type ForecastExample } from './synthetic-histories.js';

export interface ForecastTrainingParams {
  seed: number;
  /** Synthetic key results generated (each gives `snapshots` examples). */
  keyResults: number;
  snapshots: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  hiddenUnits: number;
}

export const DEFAULT_FORECAST_PARAMS: ForecastTrainingParams = {
  seed: 7,
  keyResults: 8_000,
  snapshots: 3,
  epochs: 60,
  batchSize: 256,
  learningRate: 0.003,
  patience: 6,
  hiddenUnits: 32,
};

export interface ScoredForecasts {
  auc: number;
  brier: number;
  /** Mean |expected − actual| final progress; null for a baseline that gives no expected value. */
  valueError: number;
  reliability: ReliabilityBin[];
}

export interface ForecastEvaluation {
  examples: number;
  /** Share of test examples whose key result reached its target. */
  reachedRate: number;
  model: ScoredForecasts & { coverage: number };
  linearExtrapolation: ScoredForecasts;
  ownerConfidence: ScoredForecasts;
}

export interface TrainedForecast {
  network: LayersModel;
  features: FeatureSpec[];
  evaluation: ForecastEvaluation;
  epochs: number;
  dataset: {
    synthetic: true;
    generator: string;
    templates: number;
    keyResults: number;
    train: number;
    validation: number;
    test: number;
  };
}

function split(examples: ForecastExample[], keyResults: number, seed: number) {
  const order = permutation(keyResults, seededRandom(seed ^ 0x5eed));
  const part = new Uint8Array(keyResults);
  order.forEach((kr, i) => (part[kr] = i < keyResults * 0.7 ? 0 : i < keyResults * 0.85 ? 1 : 2));
  const parts: [ForecastExample[], ForecastExample[], ForecastExample[]] = [[], [], []];
  for (const example of examples) parts[part[example.keyResult]!]!.push(example);
  return { train: parts[0], validation: parts[1], test: parts[2] };
}

/** Standardisation learnt from the training part only. */
function featureSpecs(train: readonly ForecastExample[]): FeatureSpec[] {
  return FORECAST_FEATURES.map((field) => {
    let mean = 0;
    for (const e of train) mean += e.row[field];
    mean /= train.length;
    let variance = 0;
    for (const e of train) variance += (e.row[field] - mean) ** 2;
    const std = Math.sqrt(variance / train.length);
    return { field, kind: 'number' as const, mean, std: std > 1e-6 ? std : 1 };
  });
}

export async function trainForecast(
  tf: Tfjs,
  templates: readonly KeyResultTemplate[],
  params: ForecastTrainingParams = DEFAULT_FORECAST_PARAMS,
  onEpoch?: (epoch: number, loss: number) => void | Promise<void>,
): Promise<TrainedForecast> {
  const histories = generateHistories(templates, params.keyResults, params.seed);
  const examples = forecastExamples(histories, params.snapshots, params.seed + 1);
  const { train, validation, test } = split(examples, histories.length, params.seed);
  const features = featureSpecs(train);
  const encoder = compileFeatures(features);
  const encode = (part: readonly ForecastExample[]) => ({
    x: tf.tensor2d(encoder.encode(part.map((e) => e.row)), [part.length, encoder.width]),
    y: tf.tensor2d(
      part.flatMap((e) => [e.reached ? 1 : 0, e.finalProgress]),
      [part.length, 2],
    ),
  });
  const network = buildForecastNetwork(tf, encoder.width, params.hiddenUnits, params.seed);
  const optimizer = tf.train.adam(params.learningRate);
  const trainSet = encode(train);
  const validationSet = encode(validation);
  const random = seededRandom(params.seed + 2);
  let best = Number.POSITIVE_INFINITY;
  let bestWeights: ReturnType<LayersModel['getWeights']> | null = null;
  let sinceBest = 0;
  let epochs = 0;
  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      epochs = epoch;
      const order = Array.from(permutation(train.length, random));
      for (let at = 0; at < order.length; at += params.batchSize) {
        const batch = tf.tensor1d(order.slice(at, at + params.batchSize), 'int32');
        optimizer.minimize(() => {
          const x = tf.gather(trainSet.x, batch);
          const y = tf.gather(trainSet.y, batch);
          return forecastLoss(tf, network.apply(x) as never, y) as never;
        });
        batch.dispose();
      }
      const loss = tf.tidy(
        () => forecastLoss(tf, network.predict(validationSet.x) as never, validationSet.y).dataSync()[0]!,
      );
      await onEpoch?.(epoch, loss);
      if (loss < best - 1e-5) {
        best = loss;
        bestWeights?.forEach((w) => w.dispose());
        bestWeights = network.getWeights().map((w) => w.clone());
        sinceBest = 0;
      } else if (++sinceBest > params.patience) break;
    }
    if (bestWeights) network.setWeights(bestWeights);
  } finally {
    bestWeights?.forEach((w) => w.dispose());
    optimizer.dispose();
    for (const set of [trainSet, validationSet]) tf.dispose([set.x, set.y]);
  }
  const evaluation = evaluateForecast(predictor(tf, network, features), train, test);
  return {
    network,
    features,
    evaluation,
    epochs,
    dataset: {
      synthetic: true,
      generator: 'okrs/forecast/synthetic-histories.ts (templates from okr_examples.jsonl)',
      templates: templates.length,
      keyResults: histories.length,
      train: train.length,
      validation: validation.length,
      test: test.length,
    },
  };
}

export type ForecastPredictor = (rows: readonly ForecastRow[]) => Array<ReturnType<typeof readForecastOutput>>;

export function predictor(tf: Tfjs, network: LayersModel, features: FeatureSpec[]): ForecastPredictor {
  const encoder = compileFeatures(features);
  return (rows) => {
    if (rows.length === 0) return [];
    const values = tf.tidy(() =>
      (
        network.predict(tf.tensor2d(encoder.encode(rows), [rows.length, encoder.width])) as never as {
          dataSync(): Float32Array;
        }
      ).dataSync(),
    );
    return rows.map((_, r) => readForecastOutput(values, r));
  };
}

function scored(p: number[], expected: number[], outcomes: boolean[], finals: number[]): ScoredForecasts {
  return {
    auc: auc(p, outcomes),
    brier: brier(p, outcomes),
    valueError: meanAbsoluteError(expected, finals),
    reliability: reliability(p, outcomes),
  };
}

/** The model and both baselines on `test` (the linear baseline's calibration is fitted on `train`). */
export function evaluateForecast(
  predict: ForecastPredictor,
  train: readonly ForecastExample[],
  test: readonly ForecastExample[],
): ForecastEvaluation {
  const outcomes = test.map((e) => e.reached);
  const finals = test.map((e) => e.finalProgress);
  const outputs = predict(test.map((e) => e.row));
  const calibrate = plattScaling(
    train.map((e) => e.row.projection),
    train.map((e) => e.reached),
  );
  const confidence = test.map((e) => e.row.confidence);
  return {
    examples: test.length,
    reachedRate: outcomes.filter(Boolean).length / test.length,
    model: {
      ...scored(
        outputs.map((o) => o.probability),
        outputs.map((o) => o.expectedProgress),
        outcomes,
        finals,
      ),
      coverage: coverage(
        outputs.map((o) => o.lowProgress),
        outputs.map((o) => o.highProgress),
        finals,
      ),
    },
    linearExtrapolation: scored(
      test.map((e) => calibrate(e.row.projection)),
      test.map((e) => e.row.projection),
      outcomes,
      finals,
    ),
    // What the owner's confidence implies for the end: the target with that probability, else where it is now.
    ownerConfidence: scored(
      confidence,
      test.map((e, i) => confidence[i]! + (1 - confidence[i]!) * e.row.progress),
      outcomes,
      finals,
    ),
  };
}
