// The kr-forecast network: two hidden ReLU layers shared by two heads, concatenated into one output of four units
// per row (the registry serves one [rows, units] output): the probability of reaching the target (sigmoid), and
// the final progress expected, its 10th and its 90th percentile (linear, in progress units). The loss sums the
// heads' own: cross-entropy for the probability, Huber for the expected value, pinball (quantile) losses for the
// interval, so low/high are learnt as quantiles, not as a symmetric guess.
import type { LayersModel, SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import type { Tfjs } from '../../../infra/ml/index.js';

export const FORECAST_OUTPUTS = ['probability', 'expectedProgress', 'lowProgress', 'highProgress'] as const;
export const LOW_QUANTILE = 0.1;
export const HIGH_QUANTILE = 0.9;

export function buildForecastNetwork(tf: Tfjs, inputs: number, hidden: number, seed: number): LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const input = tf.input({ shape: [inputs] });
  const first = tf.layers
    .dense({ units: hidden, activation: 'relu', kernelInitializer: init(1) })
    .apply(input) as SymbolicTensor;
  const second = tf.layers
    .dense({ units: hidden, activation: 'relu', kernelInitializer: init(2) })
    .apply(first) as SymbolicTensor;
  const probability = tf.layers
    .dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(3) })
    .apply(second) as SymbolicTensor;
  const values = tf.layers.dense({ units: 3, kernelInitializer: init(4) }).apply(second) as SymbolicTensor;
  const output = tf.layers.concatenate().apply([probability, values]) as SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** The summed loss of a batch: `target` rows are [reached 0/1, final progress]. */
export function forecastLoss(tf: Tfjs, output: Tensor, target: Tensor): Tensor {
  return tf.tidy(() => {
    const [p, expected, low, high] = tf.split(output, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const [reached, final] = tf.split(target, 2, 1) as [Tensor, Tensor];
    const clipped = tf.clipByValue(p, 1e-6, 1 - 1e-6);
    const crossEntropy = tf.neg(
      tf.mean(tf.add(tf.mul(reached, tf.log(clipped)), tf.mul(tf.sub(1, reached), tf.log(tf.sub(1, clipped))))),
    );
    const huber = tf.losses.huberLoss(final, expected, undefined, 0.25);
    const pinball = (q: number, predicted: Tensor) => {
      const error = tf.sub(final, predicted);
      return tf.mean(tf.maximum(tf.mul(q, error), tf.mul(q - 1, error)));
    };
    return tf.addN([crossEntropy, tf.mul(2, huber), pinball(LOW_QUANTILE, low), pinball(HIGH_QUANTILE, high)]);
  });
}

export interface ForecastOutput {
  probability: number;
  expectedProgress: number;
  lowProgress: number;
  highProgress: number;
}

/** Row `r` of a [rows, 4] output, with the interval put in order (quantile heads may cross on odd inputs). */
export function readForecastOutput(values: ArrayLike<number>, r: number): ForecastOutput {
  const at = r * 4;
  const [low, expected, high] = [values[at + 2]!, values[at + 1]!, values[at + 3]!].sort((a, b) => a - b) as [
    number,
    number,
    number,
  ];
  const p = values[at]!;
  return {
    probability: Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5,
    expectedProgress: expected,
    lowProgress: low,
    highProgress: high,
  };
}
