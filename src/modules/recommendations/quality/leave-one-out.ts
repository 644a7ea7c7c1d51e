// Offline evaluation, leave-one-out with full ranking: every user with at least `minContributions` repositories
// holds one out (seeded); every repository they do not contribute to is ranked; recall@10, NDCG@10 and catalog
// coverage per method. The learned scorer's weights come from a second held-out repository of the same users,
// ranked from a profile without either: the evaluation hold-out never takes part in learning.
import type { Tfjs } from '../../../infra/ml/index.js';
import { seededRandom } from '../../../lib/seeded-random.js';
import type { TextEmbedder } from '../embeddings/text-embedder.js';
import { repositoryDocument } from '../embeddings/repository-document.js';
import type { InteractionData } from '../signals/interaction-data.js';
import { SemanticScorer } from '../signals/semantic-scores.js';
import {
  featureRow,
  only,
  SIGNALS,
  SignalComputer,
  weightedScore,
  type Signal,
  type Weights,
} from '../signals/signal-set.js';
import { ndcgAt, rankOf, recallAt, topK } from './ranking-metrics.js';
import { learnWeights, type TrainingList } from './weight-learner.js';

const K = 10;
const USERS_PER_PRODUCT = 64;
/** Candidates per user for learning: the best of each signal, plus a few at random. */
const CANDIDATES_PER_SIGNAL = 40;
const RANDOM_CANDIDATES = 20;

export interface EvaluationOptions {
  tf: Tfjs;
  embedder: TextEmbedder;
  seed: number;
  minContributions?: number;
  /** Evaluate at most this many users (a seeded sample); default all. */
  maxUsers?: number;
  log?: (line: string) => void;
}

export interface MethodResult {
  method: string;
  recall: number;
  ndcg: number;
  coverage: number;
}

export interface EvaluationReport {
  users: number;
  repositories: number;
  seed: number;
  weights: Weights;
  methods: MethodResult[];
}

interface Split {
  user: number;
  evaluation: number;
  validation: number;
  /** Without the evaluation repository: what the evaluated recommender knows. */
  profile: number[];
  /** Without either hold-out: what weight learning knows. */
  trainingProfile: number[];
}

function draw(data: InteractionData, options: EvaluationOptions): Split[] {
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

export async function evaluate(data: InteractionData, options: EvaluationOptions): Promise<EvaluationReport> {
  const log = options.log ?? (() => undefined);
  const n = data.repos.length;
  const splits = draw(data, options);
  log(`${splits.length} users with ≥ ${options.minContributions ?? 3} contributions, ${n} repositories`);
  const vectors = await options.embedder.embed(data.repos.map((repo) => repositoryDocument(repo)));
  const semantic = new SemanticScorer(options.tf, vectors);
  const computer = new SignalComputer(data);
  const random = seededRandom(options.seed + 1);
  try {
    // 1. Learn the weights from the validation hold-outs, each ranked among its user's candidates.
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
    log(`learned weights from ${lists.length} held-out repositories: ${JSON.stringify(roundWeights(weights))}`);

    // 2. Evaluate every method on the evaluation hold-outs.
    const single = (method: string, signal: Signal) => ({ method, weights: only(signal), signal });
    const methods: Array<{ method: string; weights: Weights; signal?: Signal }> = [
      single('popularity', 'popularity'),
      single(`semantic (${options.embedder.version})`, 'semantic'),
      single('collaborative (item-kNN)', 'collaborative'),
      single('owner', 'owner'),
      single('topics', 'topics'),
      single('tech stack', 'techStack'),
      single('freshness', 'freshness'),
      { method: 'learned scorer (all signals)', weights },
    ];
    const totals = methods.map(() => ({ recall: 0, ndcg: 0, covered: new Set<number>() }));
    const scores = new Float32Array(n);
    for (let start = 0; start < splits.length; start += USERS_PER_PRODUCT) {
      const batch = splits.slice(start, start + USERS_PER_PRODUCT);
      const rows = semantic.scoreMany(batch.map((split) => split.profile));
      batch.forEach((split, b) => {
        const signals = computer.signals(split.profile, split.user, rows[b]!);
        const excluded = new Set(split.profile);
        methods.forEach(({ weights: w, signal }, m) => {
          // A single signal ranks by its own array; a combination is summed first.
          const ranked = signal ? signals[signal] : weightedScore(signals, w, scores);
          const rank = rankOf(split.evaluation, ranked, excluded);
          totals[m]!.recall += recallAt(rank, K);
          totals[m]!.ndcg += ndcgAt(rank, K);
          for (const j of topK(ranked, excluded, K)) totals[m]!.covered.add(j);
        });
      });
      if ((start / USERS_PER_PRODUCT) % 10 === 0)
        log(`evaluated ${Math.min(start + batch.length, splits.length)}/${splits.length}`);
    }
    return {
      users: splits.length,
      repositories: n,
      seed: options.seed,
      weights,
      methods: methods.map(({ method }, m) => ({
        method,
        recall: totals[m]!.recall / splits.length,
        ndcg: totals[m]!.ndcg / splits.length,
        coverage: totals[m]!.covered.size / n,
      })),
    };
  } finally {
    semantic.dispose();
  }
}

export function roundWeights(weights: Weights): Record<Signal, number> {
  return Object.fromEntries(
    Object.entries(weights).map(([signal, w]) => [signal, Math.round(w * 1000) / 1000]),
  ) as Record<Signal, number>;
}
