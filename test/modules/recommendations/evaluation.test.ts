// The offline evaluation's machinery on the shipped sample (the quality figures themselves are in docs/quality.md,
// from `npm run eval` on the full data): seeded and reproducible, every method reported, plausible numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../../src/infra/ml/index.js';
import { createLogger } from '../../../src/logger.js';
import { HashingEmbedder } from '../../../src/modules/recommendations/embeddings/hashing-embedder.js';
import { evaluate } from '../../../src/modules/recommendations/quality/leave-one-out.js';
import { loadInteractionFiles, loadTopicTexts } from '../../../src/modules/recommendations/quality/load-files.js';
import { topicRetrieval } from '../../../src/modules/recommendations/quality/topic-retrieval.js';
import {
  trainEvaluationEncoder,
  withoutHoldOuts,
} from '../../../src/modules/recommendations/quality/evaluation-encoder.js';
import { drawSplits } from '../../../src/modules/recommendations/quality/ranker-learning.js';
import type { InteractionData } from '../../../src/modules/recommendations/signals/interaction-data.js';

describe('offline evaluation on the sample', () => {
  let ml: MlRuntime;
  let data: InteractionData;
  beforeAll(async () => {
    ml = await initMlRuntime({ backend: 'cpu', logger: createLogger('silent') });
    data = await loadInteractionFiles('data/sample');
  }, 60_000);

  it('is reproducible from its seed and reports every method', async () => {
    const options = { tf: ml.tf, embedder: new HashingEmbedder(), seed: 7, maxUsers: 120 };
    const first = await evaluate(data, options);
    const again = await evaluate(data, options);
    expect(again).toEqual(first);
    expect(first.users).toBe(120);
    expect(first.methods.map((m) => m.method)).toEqual([
      'popularity',
      'semantic (hashing-v1)',
      'collaborative (item-kNN)',
      'owner',
      'topics',
      'tech stack',
      'freshness',
      'learned scorer (all signals)',
      'served list (top 50 of the candidates, as the pipeline stores it)',
    ]);
    for (const m of first.methods) {
      expect(m.recall).toBeGreaterThanOrEqual(0);
      expect(m.recall).toBeLessThanOrEqual(1);
      expect(m.ndcg).toBeLessThanOrEqual(m.recall);
    }
    const recall = Object.fromEntries(first.methods.map((m) => [m.method, m.recall]));
    // Contributions are top-10 contributor lists: who contributes where says far more than stars.
    expect(recall['collaborative (item-kNN)']).toBeGreaterThan(recall['popularity']! + 0.2);
    // The lists the pipeline stores (candidates, then the top 50) lose little of the full ranking's recall.
    const served = recall['served list (top 50 of the candidates, as the pipeline stores it)']!;
    expect(served).toBeGreaterThan(recall['learned scorer (all signals)']! - 0.05);
    expect(ml.memory().numTensors).toBe(0);
  }, 120_000);
});

describe('topic retrieval on the sample', () => {
  it('ranks each used topic’s repositories from its text, reproducibly and above chance', async () => {
    const ml = await initMlRuntime({ backend: 'cpu', logger: createLogger('silent') });
    const data = await loadInteractionFiles('data/sample');
    const topics = await loadTopicTexts('data/sample');
    const options = { tf: ml.tf, embedder: new HashingEmbedder(), topics: 50 };
    const report = await topicRetrieval(data, topics, options);
    expect(await topicRetrieval(data, topics, options)).toEqual(report);
    expect(report).toMatchObject({ encoder: 'hashing-v1', topics: 50, k: 20 });
    expect(report.precision).toBeGreaterThan(report.chance);
    expect(report.precision).toBeLessThanOrEqual(1);
    expect(ml.memory().numTensors).toBe(0);
    // A topic without a text to search with is not counted.
    const without = await topicRetrieval(data, [], options);
    expect(without.topics).toBe(0);
  }, 60_000);
});

describe('the trained encoder of the evaluation', () => {
  it('learns without the hold-outs and beats hashing on topic retrieval of topics whose texts it never saw', async () => {
    const ml = await initMlRuntime({ backend: 'cpu', logger: createLogger('silent') });
    const data = await loadInteractionFiles('data/sample');
    const topics = await loadTopicTexts('data/sample');
    const splits = { seed: 5, maxUsers: 200 };
    // Exactly the two hold-outs of each evaluated user are gone; nothing else.
    const training = withoutHoldOuts(data, splits);
    const drawn = drawSplits(data, splits);
    for (const split of drawn) {
      expect(training.userRepos[split.user]).not.toContain(split.evaluation);
      expect(training.userRepos[split.user]).not.toContain(split.validation);
    }
    const count = (d: typeof data) => d.userRepos.reduce((sum, repos) => sum + repos.length, 0);
    expect(count(training)).toBe(count(data) - 2 * drawn.length);

    const encoder = await trainEvaluationEncoder(data, topics, { tf: ml.tf, ...splits, steps: 80, batchSize: 128 });
    const options = { tf: ml.tf, topics: 200 };
    const hashing = await topicRetrieval(data, topics, { ...options, embedder: new HashingEmbedder() });
    const trained = await topicRetrieval(data, topics, { ...options, embedder: encoder });
    expect(trained.encoder).toBe('text-encoder, trained (seed 5)');
    expect(trained.precision).toBeGreaterThan(hashing.precision);
  }, 120_000);
});
