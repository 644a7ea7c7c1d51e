// Learns the signal weights from held-out contributions by coordinate ascent on NDCG@10 (as RankLib's
// coordinate ascent does): each user's held-out repository is ranked among that user's candidates (the best few
// of every signal), and one weight at a time moves while the mean NDCG@10 improves. It optimises the ranking
// metric itself, which pairwise losses only approximate (with hard negatives taken from one signal's top, a
// pairwise loss learns to distrust that very signal). Weights are non-negative and sum to 1: they read as shares.
import { SIGNALS, type Weights } from '../signals/signal-set.js';

/** One user's candidates: a row of SIGNALS.length features per candidate, and which candidate was held out. */
export interface TrainingList {
  features: Float32Array;
  positive: number;
}

export interface LearnOptions {
  rounds?: number;
  k?: number;
}

const STEPS = [0.5, 0.2, 0.1, 0.05, -0.05, -0.1, -0.2, -0.5];

/** Mean NDCG@k of the held-out candidates when ranked by `weights` (ties count half against). */
export function listNdcg(lists: readonly TrainingList[], weights: Float64Array, k = 10): number {
  const dims = weights.length;
  let total = 0;
  for (const list of lists) {
    const count = list.features.length / dims;
    const score = (c: number) => {
      let s = 0;
      for (let d = 0; d < dims; d++) s += weights[d]! * list.features[c * dims + d]!;
      return s;
    };
    const target = score(list.positive);
    let greater = 0;
    let equal = 0;
    for (let c = 0; c < count; c++) {
      if (c === list.positive) continue;
      const s = score(c);
      if (s > target) greater += 1;
      else if (s === target) equal += 1;
    }
    const rank = 1 + greater + Math.floor(equal / 2);
    if (rank <= k) total += 1 / Math.log2(rank + 1);
  }
  return lists.length === 0 ? 0 : total / lists.length;
}

export function learnWeights(lists: readonly TrainingList[], options: LearnOptions = {}): Weights {
  const dims = SIGNALS.length;
  const k = options.k ?? 10;
  let weights = new Float64Array(dims).fill(1 / dims);
  let best = listNdcg(lists, weights, k);
  for (let round = 0; round < (options.rounds ?? 4); round++) {
    let improved = false;
    for (let d = 0; d < dims; d++) {
      for (const step of STEPS) {
        const trial = Float64Array.from(weights);
        trial[d] = Math.max(0, trial[d]! + step);
        const sum = trial.reduce((a, b) => a + b, 0);
        if (sum === 0) continue;
        for (let i = 0; i < dims; i++) trial[i]! /= sum;
        const value = listNdcg(lists, trial, k);
        if (value > best + 1e-9) {
          best = value;
          weights = trial;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return Object.fromEntries(SIGNALS.map((signal, d) => [signal, weights[d]!])) as Weights;
}
