// The trained text encoder: contrastive training learns what words mean from the catalog's structure (texts with no
// word in common end up close when their repositories belong together), and a RECOMMEND run with trainEncoder
// registers it as the "text-encoder" champion, embeds everything with it, learns the ranker again, publishes, and
// from then on encodes queries with it; `predict` on the model answers like any registered model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../../src/infra/ml/index.js';
import { createLogger } from '../../../src/logger.js';
import { HashingEmbedder } from '../../../src/modules/recommendations/index.js';
import { trainWordBagEncoder } from '../../../src/modules/recommendations/encoder/contrastive-training.js';
import { buildPairPools } from '../../../src/modules/recommendations/encoder/positive-pairs.js';
import { WordBagEncoder, encoderText } from '../../../src/modules/recommendations/encoder/word-bag-encoder.js';
import {
  buildInteractionData,
  type RepositoryFacts,
} from '../../../src/modules/recommendations/signals/interaction-data.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { recommend, seedCommunities, USERS } from '../../support/recommendation-catalog.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

// Two owners, each with repositories described in two disjoint vocabularies (half in one, half in the other):
// only the owner links "kernel scheduler" repositories to "process preemption" ones.
function twoVocabularyCatalog(): RepositoryFacts[] {
  const groups = [
    ['kernel scheduler interrupt', 'process preemption latency'],
    ['pixel shader texture', 'vertex rasterizer framebuffer'],
  ];
  return groups.flatMap(([left, right], g) =>
    Array.from({ length: 40 }, (_, i) => ({
      fullName: `owner${g}/repo-${i}`,
      owner: `owner${g}`,
      name: `repo-${i}`,
      description: i % 2 === 0 ? left! : right!,
      language: null,
      topics: [],
      stars: 1,
      pushedAt: null,
    })),
  );
}

describe('contrastive training of the word-bag encoder', () => {
  let ml: MlRuntime;
  beforeAll(async () => {
    ml = await initMlRuntime({ backend: 'auto', logger: createLogger('silent') });
  });

  it('pulls together texts that share no word when the catalog links them, and lowers its loss', async () => {
    const repos = twoVocabularyCatalog();
    const data = buildInteractionData(repos, []);
    const pools = buildPairPools(data, (j) => encoderText({ text: repos[j]!.description! }), [], { seed: 1 });
    expect(pools.pools.owner.length).toBeGreaterThan(0);
    const trained = await trainWordBagEncoder(pools, { tf: ml.tf, seed: 1, steps: 60, batchSize: 32 });
    expect(trained.metrics.finalLoss).toBeLessThan(trained.metrics.firstLoss * 0.8);
    const encoder = new WordBagEncoder('test', trained.vocabulary, trained.kernel);
    const [scheduler, preemption, shader] = (await encoder.embed([
      { text: 'kernel scheduler' },
      { text: 'process preemption' },
      { text: 'pixel shader' },
    ])) as Float32Array[];
    // Same owner, no shared word: close. Another owner: far.
    expect(dot(scheduler!, preemption!)).toBeGreaterThan(0.5);
    expect(dot(scheduler!, preemption!)).toBeGreaterThan(dot(scheduler!, shader!) + 0.5);
    // The hashing baseline cannot know: without a shared word or trigram it sees next to nothing.
    const hashing = new HashingEmbedder();
    const [h1, h2] = (await hashing.embed([
      { text: 'kernel scheduler' },
      { text: 'process preemption' },
    ])) as Float32Array[];
    expect(Math.abs(dot(h1!, h2!))).toBeLessThan(0.3);
    // A text with no vocabulary word gets no vector, as with every encoder.
    expect((await encoder.embed([{ text: 'zzz qqq' }]))[0]).toBeNull();
  });

  it('is reproducible from its seed', async () => {
    const repos = twoVocabularyCatalog();
    const data = buildInteractionData(repos, []);
    const pools = buildPairPools(data, (j) => encoderText({ text: repos[j]!.description! }), [], { seed: 3 });
    const a = await trainWordBagEncoder(pools, { tf: ml.tf, seed: 3, steps: 10, batchSize: 16 });
    const b = await trainWordBagEncoder(pools, { tf: ml.tf, seed: 3, steps: 10, batchSize: 16 });
    expect(b.kernel).toEqual(a.kernel);
  });
});

describe('RECOMMEND with trainEncoder', () => {
  let t: TestApp;
  let trainedRun: Record<string, unknown>;
  beforeAll(async () => {
    t = await createTestApp({ ENCODER_TRAINING_STEPS: '40' });
    await seedCommunities(t);
    await recommend(t); // first with the hashing encoder, as a fresh catalog would be
    trainedRun = await recommend(t, false, true);
  }, 240_000);
  afterAll(async () => t?.close());

  it('registers the encoder as the champion, embeds everything with it and learns the ranker again', async () => {
    expect(trainedRun).toMatchObject({
      encoder: 'text-encoder@1',
      encoderTraining: { encoder: 'text-encoder@1', steps: 40 },
      rankerLearned: true,
      full: true,
      published: USERS,
    });
    const model = await t.run<{ model: { task: string; aliases: Array<{ alias: string; version: number }> } }>(
      '{ model(name: "text-encoder") { task aliases { alias version } } }',
    );
    expect(model.data?.model).toEqual({ task: 'EMBEDDING', aliases: [{ alias: 'champion', version: 1 }] });
    const versions = await t.app.db.sql.query<{ version: string; n: number }>(
      'SELECT embedding_version AS version, count(*)::int AS n FROM repositories GROUP BY 1',
    );
    expect(versions).toEqual([{ version: 'text-encoder@1', n: expect.any(Number) }]);
    const info = await t.run<{ serverInfo: { recommendations: { encoder: string } } }>(
      '{ serverInfo { recommendations { encoder } } }',
    );
    expect(info.data?.serverInfo.recommendations.encoder).toBe('text-encoder@1');
  });

  it('encodes queries with the published encoder, and a later run keeps it and copies the lists', async () => {
    const encoders = t.app.modules.get('recommendations').encoders;
    expect((await encoders.forQueries()).version).toBe('text-encoder@1');
    const search = await t.run<{ searchRepositories: { nodes: Array<{ matchedBy: string[] }> } }>(
      '{ searchRepositories(query: "neural network", first: 5) { nodes { matchedBy } } }',
    );
    expect(search.errors).toBeUndefined();
    expect(search.data!.searchRepositories.nodes.some((node) => node.matchedBy.includes('SEMANTIC'))).toBe(true);
    const again = await recommend(t);
    expect(again).toMatchObject({ encoder: 'text-encoder@1', rankerLearned: false, copied: USERS, scored: 0 });
  });

  it('answers predict on the model with the 384-d embedding', async () => {
    const result = await t.run<{ predict: { outputs: Array<{ embedding: number[] }> } }>(
      `{ predict(model: "text-encoder", inputs: [{ text: "terminal shell prompt" }]) { outputs } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.predict.outputs[0]!.embedding).toHaveLength(384);
  });
});
