// Learns the signal weights from held-out contributions: pairwise logistic regression (RankNet's loss) on
// (held-out repository, other repository) pairs, so the weights are whatever ranks a real next contribution
// above the rest. Weights stay non-negative (each signal may only help) and sum to 1 (they read as shares).
import { SIGNALS, type Weights } from '../signals/signal-set.js';

export interface TrainingPair {
  positive: readonly number[];
  negative: readonly number[];
}

export interface LearnOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

export function learnWeights(pairs: readonly TrainingPair[], options: LearnOptions = {}): Weights {
  const epochs = options.epochs ?? 300;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-4;
  const dims = SIGNALS.length;
  const w = new Float64Array(dims).fill(1 / dims);
  const diffs = pairs.map((pair) => pair.positive.map((value, d) => value - pair.negative[d]!));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Float64Array(dims);
    for (const diff of diffs) {
      let margin = 0;
      for (let d = 0; d < dims; d++) margin += w[d]! * diff[d]!;
      // d/dw log(1 + e^(-margin)) = -diff · σ(-margin)
      const pull = 1 / (1 + Math.exp(margin));
      for (let d = 0; d < dims; d++) gradient[d]! -= pull * diff[d]!;
    }
    for (let d = 0; d < dims; d++) {
      w[d] = Math.max(0, w[d]! - rate * (gradient[d]! / diffs.length + l2 * w[d]!));
    }
  }
  const total = w.reduce((sum, value) => sum + value, 0) || 1;
  return Object.fromEntries(SIGNALS.map((signal, d) => [signal, w[d]! / total])) as Weights;
}
