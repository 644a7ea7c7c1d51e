// Offline evaluation, leave-one-out with full ranking: every user with at least `minContributions` repositories
// holds one out (seeded); every repository they do not contribute to is ranked; recall@10, NDCG@10 and catalog
// coverage per method. The learned scorer's weights come from a second held-out repository of the same users,
// ranked from a profile without either: the evaluation hold-out never takes part in learning.
import type { Tfjs } from '../../../infra/ml/index.js';
import type { TextEmbedder } from '../embeddings/text-embedder.js';
import { repositoryDocument } from '../embeddings/repository-document.js';
import type { InteractionData } from '../signals/interaction-data.js';
import { SemanticScorer, USERS_PER_PRODUCT } from '../signals/semantic-scores.js';
import { only, SignalComputer, weightedScore, type Signal, type Weights } from '../signals/signal-set.js';
import { LIST_LENGTH, ListScorer } from '../lists/list-scorer.js';
import { userVector } from '../lists/vectors.js';
import { ndcgAt, rankOf, recallAt, topK } from './ranking-metrics.js';
import { drawSplits, learnRankerWeights } from './ranker-learning.js';

const K = 10;

export interface EvaluationOptions {
  tf: Tfjs;
  embedder: TextEmbedder;
  /** Other encoders, each evaluated as the semantic signal alone (a row each), for comparison. */
  otherEmbedders?: readonly TextEmbedder[];
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

export async function evaluate(data: InteractionData, options: EvaluationOptions): Promise<EvaluationReport> {
  const log = options.log ?? (() => undefined);
  const n = data.repos.length;
  const splits = drawSplits(data, options);
  log(`${splits.length} users with ≥ ${options.minContributions ?? 3} contributions, ${n} repositories`);
  const vectors = await options.embedder.embed(data.repos.map((repo) => repositoryDocument(repo)));
  const semantic = new SemanticScorer(options.tf, vectors);
  const others: Array<{ method: string; scorer: SemanticScorer }> = [];
  for (const other of options.otherEmbedders ?? []) {
    const otherVectors = await other.embed(data.repos.map((repo) => repositoryDocument(repo)));
    others.push({ method: `semantic (${other.version})`, scorer: new SemanticScorer(options.tf, otherVectors) });
  }
  const otherTotals = others.map(() => ({ recall: 0, ndcg: 0, covered: new Set<number>() }));
  const computer = new SignalComputer(data);
  try {
    // 1. Learn the weights from the validation hold-outs (never from the evaluation ones).
    const learned = learnRankerWeights(data, semantic, splits, options.seed);
    const weights = learned.weights;
    log(`learned weights from ${learned.lists} held-out repositories: ${JSON.stringify(roundWeights(weights))}`);

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
    // The list the pipeline stores (candidates, then every signal on them): its hold-out ranks where it is listed.
    const served = { recall: 0, ndcg: 0, covered: new Set<number>() };
    const servedLists = new ListScorer(data, vectors, weights);
    const scores = new Float32Array(n);
    for (let start = 0; start < splits.length; start += USERS_PER_PRODUCT) {
      const batch = splits.slice(start, start + USERS_PER_PRODUCT);
      const rows = semantic.scoreMany(batch.map((split) => split.profile));
      others.forEach(({ scorer }, o) => {
        const otherRows = scorer.scoreMany(batch.map((split) => split.profile));
        batch.forEach((split, b) => {
          const rank = rankOf(split.evaluation, otherRows[b]!, new Set(split.profile));
          otherTotals[o]!.recall += recallAt(rank, K);
          otherTotals[o]!.ndcg += ndcgAt(rank, K);
          for (const j of topK(otherRows[b]!, new Set(split.profile), K)) otherTotals[o]!.covered.add(j);
        });
      });
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
        const list = servedLists.score(
          split.profile,
          split.user,
          userVector(
            split.profile.map((j) => vectors[j]),
            null,
          ),
        );
        const at = list.findIndex((item) => item.repo === split.evaluation);
        const rank = at < 0 ? Number.POSITIVE_INFINITY : at + 1;
        served.recall += recallAt(rank, K);
        served.ndcg += ndcgAt(rank, K);
        for (const item of list.slice(0, K)) served.covered.add(item.repo);
      });
      if ((start / USERS_PER_PRODUCT) % 10 === 0)
        log(`evaluated ${Math.min(start + batch.length, splits.length)}/${splits.length}`);
    }
    return {
      users: splits.length,
      repositories: n,
      seed: options.seed,
      weights,
      methods: [
        ...methods.map(({ method }, m) => ({ method, ...totals[m]! })),
        ...others.map(({ method }, o) => ({ method, ...otherTotals[o]! })),
        { method: `served list (top ${LIST_LENGTH} of the candidates, as the pipeline stores it)`, ...served },
      ].map(({ method, recall, ndcg, covered }) => ({
        method,
        recall: recall / splits.length,
        ndcg: ndcg / splits.length,
        coverage: covered.size / n,
      })),
    };
  } finally {
    semantic.dispose();
    for (const { scorer } of others) scorer.dispose();
  }
}

export function roundWeights(weights: Weights): Record<Signal, number> {
  return Object.fromEntries(
    Object.entries(weights).map(([signal, w]) => [signal, Math.round(w * 1000) / 1000]),
  ) as Record<Signal, number>;
}
