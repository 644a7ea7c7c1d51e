// The hold-outs both the offline evaluation and the ranker's training draw, and the learning of the signal
// weights. Each eligible user (≥ minContributions repositories) gives up two repositories, drawn from a seed:
// `evaluation` (ranked by the evaluation only) and `validation` (ranked, from a profile without either, to learn
// the weights). With the same seed the pipeline's ranker learns from exactly the validation hold-outs the
// evaluation uses, so the evaluation hold-out never takes part in learning.
import { seededRandom } from '../../../lib/seeded-random.js';
import type { InteractionData } from '../signals/interaction-data.js';
import { USERS_PER_PRODUCT, type SemanticScorer } from '../signals/semantic-scores.js';
import { featureRow, SIGNALS, SignalComputer, type Weights } from '../signals/signal-set.js';
import { listNdcg, learnWeights, type TrainingList } from './weight-learner.js';
import { topK } from './ranking-metrics.js';

export interface Split {
  user: number;
  evaluation: number;
  validation: number;
  /** Without the evaluation repository: what the evaluated recommender knows. */
  profile: number[];
  /** Without either hold-out: what weight learning knows. */
  trainingProfile: number[];
}

export interface SplitOptions {
  seed: number;
  minContributions?: number;
  /** At most this many users (a seeded sample); default all. */
  maxUsers?: number;
}

export const DEFAULT_SPLIT_SEED = 42;

export function drawSplits(data: InteractionData, options: SplitOptions): Split[] {
  const random = seededRandom(options.seed);
  const min = options.minContributions ?? 3;
  let eligible = data.userRepos.flatMap((repos, user) => (repos.length >= min ? [user] : []));
  if (options.maxUsers !== undefined && eligible.length > options.maxUsers) {
    eligible = eligible
      .map((user) => ({ user, key: random() }))
      .sort((a, b) => a.key - b.key)
      .slice(0, options.maxUsers)
      .map((entry) => entry.user)
      .sort((a, b) => a - b);
  }
  return eligible.map((user) => {
    const repos = [...data.userRepos[user]!];
    const evaluation = repos.splice(Math.floor(random() * repos.length), 1)[0]!;
    const profile = [...repos];
    const validation = repos.splice(Math.floor(random() * repos.length), 1)[0]!;
    return { user, evaluation, validation, profile, trainingProfile: repos };
  });
}

/** Candidates per user for learning: the best of each signal, plus a few at random. */
const CANDIDATES_PER_SIGNAL = 40;
const RANDOM_CANDIDATES = 20;

export interface LearnedRanker {
  weights: Weights;
  /** Held-out repositories learned from. */
  lists: number;
  /** Mean NDCG@10 of the validation hold-outs among their candidates, with the learned weights. */
  ndcg: number;
}

/** Learns the weights from the splits' validation hold-outs, each ranked among its user's candidates. */
export function learnRankerWeights(
  data: InteractionData,
  semantic: SemanticScorer,
  splits: readonly Split[],
  seed: number,
): LearnedRanker {
  const computer = new SignalComputer(data);
  const random = seededRandom(seed + 1);
  const n = data.repos.length;
  const lists: TrainingList[] = [];
  for (let start = 0; start < splits.length; start += USERS_PER_PRODUCT) {
    const batch = splits.slice(start, start + USERS_PER_PRODUCT);
    const rows = semantic.scoreMany(batch.map((split) => split.trainingProfile));
    batch.forEach((split, b) => {
      const signals = computer.signals(split.trainingProfile, split.user, rows[b]!);
      const excluded = new Set([...split.trainingProfile, split.validation]);
      const candidates = new Set<number>();
      for (const signal of SIGNALS)
        for (const j of topK(signals[signal], excluded, CANDIDATES_PER_SIGNAL)) candidates.add(j);
      for (let i = 0; i < RANDOM_CANDIDATES; i++) {
        const j = Math.floor(random() * n);
        if (!excluded.has(j)) candidates.add(j);
      }
      const order = [split.validation, ...candidates];
      lists.push({ features: Float32Array.from(order.flatMap((j) => featureRow(signals, j))), positive: 0 });
    });
  }
  const weights = learnWeights(lists);
  const ndcg = listNdcg(
    lists,
    Float64Array.from(SIGNALS, (signal) => weights[signal]),
  );
  return { weights, lists: lists.length, ndcg };
}
