import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

const CACHE = `{ modelCache { models bytes maxModels maxBytes versions { model version bytes hits } } }`;

describe('Serving: loading, the bounded model cache and tensor memory', () => {
  let t: TestApp;
  let baseline: number;

  beforeAll(async () => {
    t = await createTestApp({ MODEL_CACHE_MAX_MODELS: '2', PREDICTION_LOG_SAMPLE_RATE: '0' });
    await createLinearModel(t.app.modules.get('registry'), 'cached');
    for (let i = 1; i <= 3; i++) await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'cached', [i, i], 0);
    await t.app.modules
      .get('registry')
      .aliases.set({ actor: TEST_ACTOR, model: 'cached', alias: 'champion', version: 3 });
    baseline = t.app.ml.memory().numTensors;
  });
  afterAll(() => t.close());

  it('loads a version by alias and reports what the cache holds', async () => {
    const loaded = await t.run(`mutation { loadModel(name: "cached", alias: "champion") { model version bytes } }`);
    expect(loaded.data).toEqual({ loadModel: { model: 'cached', version: 3, bytes: 12 } });
    expect(t.app.ml.memory().numTensors).toBe(baseline + 2); // kernel and bias
    const cache = await t.run(CACHE);
    expect(cache.data).toEqual({
      modelCache: {
        models: 1,
        bytes: 12,
        maxModels: 2,
        maxBytes: 268435456,
        versions: [{ model: 'cached', version: 3, bytes: 12, hits: 0 }],
      },
    });
  });

  it('keeps tensor memory flat across predictions (every intermediate tensor is freed)', async () => {
    const loaded = t.app.ml.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const result = await t.run(
        `{ predict(model: "cached", inputs: [{ a: ${i}, b: 1 }, { a: 1, b: 1 }]) { outputs } }`,
      );
      expect(result.errors).toBeUndefined();
    }
    expect(t.app.ml.memory().numTensors).toBe(loaded);
  });

  it('evicts the least recently used version beyond MODEL_CACHE_MAX_MODELS, freeing its tensors', async () => {
    await t.run(`mutation { loadModel(name: "cached", version: 1) { version } }`);
    await t.run(`mutation { loadModel(name: "cached", version: 2) { version } }`);
    const cache = await t.run<{ modelCache: { versions: Array<{ version: number }> } }>(CACHE);
    expect(cache.data!.modelCache.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(t.app.ml.memory().numTensors).toBe(baseline + 4);
    const model = await t.run(`{ model(name: "cached") { loadedVersions { version } } }`);
    expect(model.data).toEqual({ model: { loadedVersions: [{ version: 2 }, { version: 1 }] } });
  });

  it('unloads one version or all of a model, back to the baseline tensor count', async () => {
    expect((await t.run(`mutation { unloadModel(name: "cached", version: 2) }`)).data).toEqual({ unloadModel: 1 });
    expect((await t.run(`mutation { unloadModel(name: "cached", version: 2) }`)).data).toEqual({ unloadModel: 0 });
    expect((await t.run(`mutation { unloadModel(name: "cached") }`)).data).toEqual({ unloadModel: 1 });
    expect(t.app.ml.memory().numTensors).toBe(baseline);
    const missing = await t.run(`mutation { loadModel(name: "cached", version: 9) { version } }`);
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const unnamed = await t.run(`mutation { loadModel(name: "cached") { version } }`);
    expect(errorCode(unnamed)).toBe('BAD_USER_INPUT');
  });
});

describe('Serving: a corrupt artifact', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '0' });
    await createLinearModel(t.app.modules.get('registry'), 'broken');
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'broken', [1, 1], 0, { aliases: ['champion'] });
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'broken', [1, 1], 0, { aliases: ['challenger'] });
  });
  afterAll(() => t.close());

  it('fails with a message naming the version and the broken part, and leaves cache and memory clean', async () => {
    const { prisma } = t.app.db;
    const [v1, v2] = await prisma.modelVersion.findMany({
      where: { model: { name: 'broken' } },
      orderBy: { version: 'asc' },
    });
    await prisma.modelVersion.update({ where: { id: v1!.id }, data: { weights: new Uint8Array([1, 2, 3, 4]) } });
    await prisma.modelVersion.update({
      where: { id: v2!.id },
      data: { topology: { ...(v2!.topology as object), modelTopology: { class_name: 'Bogus', config: {} } } },
    });
    const before = t.app.ml.memory().numTensors;

    const weights = await t.run(`{ predict(model: "broken", inputs: [{ a: 1, b: 1 }]) { outputs } }`);
    expect(errorCode(weights)).toBe('INTERNAL');
    expect(weights.errors![0]!.message).toBe(
      'version 1 of model "broken" cannot be loaded: the weights hold 4 bytes but the weight specs need 12. ' +
        'Register a new version and move the alias to it',
    );
    const topology = await t.run(`mutation { loadModel(name: "broken", alias: "challenger") { version } }`);
    expect(topology.errors![0]!.message).toMatch(
      /^version 2 of model "broken" cannot be loaded: TensorFlow.js cannot build the model: /,
    );

    expect(t.app.modules.get('serving').cache.size).toBe(0);
    expect(t.app.ml.memory().numTensors).toBe(before);
    const stats = await t.run(`{ model(name: "broken") { servingStats { version requests errors } } }`);
    expect(stats.data).toEqual({ model: { servingStats: [{ version: 1, requests: 0, errors: 1 }] } });
  });
});
