// Training end to end on a tiny catalog: TRAIN runs recorded with per-epoch progress, versions registered, aliases
// moved only when asked and earned, bad requests refused before any run exists, and no tensor left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRunRecord } from '../../../src/modules/pipeline/index.js';
import type { StageRecord } from '../../../src/modules/pipeline/stages.js';
import { OTHER_LANGUAGE, PREVIOUS_CHAMPION, type TrainingResult } from '../../../src/modules/training/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { backendName } from '../../support/backends.js';
import { errorCode } from '../../support/catalog.js';
import { seedLanguageCatalog } from '../../support/training.js';
import { TEST_ACTOR } from '../../support/app.js';

const TRAIN = `mutation ($name: String!, $params: TrainingParamsInput, $promote: Boolean) {
  trainModel(name: $name, params: $params, promote: $promote) { id kind status params }
}`;
const PREDICT = `query ($inputs: [JSON!]!, $version: Int) {
  predict(model: "repo-language", version: $version, inputs: $inputs) { version outputs }
}`;
// Few epochs, no early stopping: every run trains exactly EPOCHS epochs.
const PARAMS = { epochs: 4, patience: 50, learningRate: 0.05, batchSize: 16 };
const tfjsBackend = process.env.TFJS_BACKEND;

describe(`Training: TRAIN runs on a tiny catalog (${backendName}, TFJS_BACKEND=${tfjsBackend ?? 'auto'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(tfjsBackend ? { TFJS_BACKEND: tfjsBackend } : {});
    await seedLanguageCatalog(t.app.db.prisma, 40);
  });
  afterAll(() => t.close());

  /** Starts a run over GraphQL and collects every change `watch` delivers until the run ends. */
  async function trainAndWatch(variables: Record<string, unknown>) {
    const started = await t.run<{ trainModel: { id: string; kind: string; status: string } }>(TRAIN, variables);
    expect(started.errors).toBeUndefined();
    const updates: PipelineRunRecord[] = [];
    for await (const run of t.app.modules.get('pipeline').pipeline.watch(started.data!.trainModel.id))
      updates.push(run);
    const final = updates.at(-1)!;
    return { started: started.data!.trainModel, updates, final, result: final.result as TrainingResult };
  }

  const aliasEvents = async () =>
    t.app.db.prisma.modelAliasEvent.findMany({ orderBy: { id: 'asc' }, select: { alias: true, toVersion: true } });

  it('records a SUCCEEDED TRAIN run whose "train" stage publishes every epoch with its metrics', async () => {
    const baseline = t.app.ml.memory().numTensors;
    const { started, updates, final, result } = await trainAndWatch({ name: 'repo-language', params: PARAMS });
    expect(started).toMatchObject({ kind: 'TRAIN', status: 'QUEUED' });
    expect(final.status).toBe('SUCCEEDED');
    expect(final.stages.map((stage) => [stage.name, stage.status])).toEqual([
      ['load', 'SUCCEEDED'],
      ['features', 'SUCCEEDED'],
      ['train', 'SUCCEEDED'],
      ['evaluate', 'SUCCEEDED'],
      ['register', 'SUCCEEDED'],
    ]);
    // Each epoch is its own recorded change: processed = the epoch, total = epochs, metrics = that epoch's.
    const epochs = updates
      .map((run) => run.stages.find((stage) => stage.name === 'train' && stage.status === 'RUNNING'))
      .filter((stage): stage is StageRecord => stage?.metrics !== undefined);
    expect([...new Set(epochs.map((stage) => stage.metrics!.epoch))]).toEqual([1, 2, 3, 4]);
    for (const stage of epochs) {
      expect(stage).toMatchObject({ processed: stage.metrics!.epoch, total: PARAMS.epochs });
      expect(Object.keys(stage.metrics!).sort()).toEqual(
        ['accuracy', 'epoch', 'loss', 'samplesPerSecond', 'valAccuracy', 'valLoss'].sort(),
      );
    }
    expect(result).toMatchObject({ model: 'repo-language', version: 1, promotion: null, stoppedEarly: false });
    // Over GraphQL, a dashboard reads the same: the closed "train" stage keeps the last epoch's metrics.
    const read = await t.run<{ pipelineRun: { stages: Array<{ name: string; metrics: unknown }>; result: unknown } }>(
      'query ($id: ID!) { pipelineRun(id: $id) { stages { name metrics } result } }',
      { id: started.id },
    );
    expect(read.data!.pipelineRun.stages.find((stage) => stage.name === 'train')!.metrics).toMatchObject({ epoch: 4 });
    expect(read.data!.pipelineRun.stages.find((stage) => stage.name === 'load')!.metrics).toBeNull();
    expect(read.data!.pipelineRun.result).toMatchObject({ version: 1, metrics: { baseline: expect.any(Object) } });
    expect(result.history).toHaveLength(4);
    // Training and registration freed every tensor they made.
    expect(t.app.ml.memory().numTensors).toBe(baseline);
  });

  it('created the definition from the data and registered version 1 with its metrics, params and provenance', async () => {
    const model = await t.app.modules.get('registry').models.getByName('repo-language');
    expect(model.outputSchema).toEqual({
      labels: ['Go', 'JavaScript', 'Python', 'Rust', 'Haskell', 'Zig', OTHER_LANGUAGE],
    });
    const version = await t.app.modules.get('registry').versions.get('repo-language', 1);
    const run = await t.app.db.prisma.pipelineRun.findFirstOrThrow({ where: { kind: 'TRAIN' } });
    expect(version).toMatchObject({ createdBy: 'test', pipelineRunId: run.id, params: { ...PARAMS, seed: 42 } });
    const metrics = version.metrics as Record<string, number> & { baseline: Record<string, number> };
    // Four equally common languages: the majority class gets a quarter right, the words give the rest away.
    expect(metrics.accuracy).toBeGreaterThan(metrics.baseline.accuracy! + 0.3);
    expect(metrics.macroF1).toBeGreaterThan(metrics.baseline.macroF1! + 0.3);
    expect(metrics.top3Accuracy).toBeGreaterThan(0);
    expect(version.dataset).toMatchObject({ examples: { train: expect.any(Number), test: expect.any(Number) } });
    expect(await t.app.modules.get('registry').aliases.byModelIds([model.id])).toEqual(new Map([[model.id, []]]));
  });

  it('serves the trained version through predict, with the same preprocessing it was trained with', async () => {
    const answer = await t.run<{ predict: { version: number; outputs: Array<{ label: string }> } }>(PREDICT, {
      version: 1,
      inputs: [
        { name: 'tokio-cargo', description: 'A borrow checker friendly crate for wasm users', topics: 'cargo' },
        { name: 'django-pandas', description: 'A numpy and pip tool for flask users' },
      ],
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.predict.outputs.map((output) => output.label)).toEqual(['Rust', 'Python']);
  });

  it('registers version N+1 on each run and moves no alias unless asked', async () => {
    await t.app.modules
      .get('registry')
      .aliases.set({ actor: TEST_ACTOR, model: 'repo-language', alias: 'champion', version: 1 });
    const before = await aliasEvents();
    const { final, result } = await trainAndWatch({ name: 'repo-language', params: PARAMS });
    expect([final.status, result.version]).toEqual(['SUCCEEDED', 2]);
    expect(await aliasEvents()).toEqual(before);
  });

  it('promotes when asked and better: champion moves, the old one stays as previous-champion, both audited', async () => {
    // The champion (v1) is made to have scored 0, so any trained version beats it.
    const v1 = await t.app.modules.get('registry').versions.get('repo-language', 1);
    await t.app.db.prisma.modelVersion.update({
      where: { id: v1.id },
      data: { metrics: { ...(v1.metrics as object), macroF1: 0 } },
    });
    const { result } = await trainAndWatch({ name: 'repo-language', params: PARAMS, promote: true });
    expect(result.version).toBe(3);
    expect(result.promotion).toMatchObject({ promoted: true, previous: { version: 1, score: 0 } });
    const model = await t.app.modules.get('registry').models.getByName('repo-language');
    const aliases = (await t.app.modules.get('registry').aliases.byModelIds([model.id])).get(model.id)!;
    expect(aliases.map((a) => [a.alias, a.version])).toEqual([
      ['champion', 3],
      [PREVIOUS_CHAMPION, 1],
    ]);
    const history = (await t.app.modules.get('registry').aliases.history(model.id, { first: 2 })).rows;
    expect(history.map((e) => [e.alias, e.fromVersion, e.toVersion, e.actor])).toEqual([
      ['champion', 1, 3, 'test'],
      [PREVIOUS_CHAMPION, null, 1, 'test'],
    ]);
    expect(history[0]!.reason).toMatch(/^trained by run [0-9a-f-]{36}: macroF1 0\.\d+ > 0 of v1$/);
  });

  it('does not promote when asked but not better, and says why', async () => {
    const v3 = await t.app.modules.get('registry').versions.get('repo-language', 3);
    await t.app.db.prisma.modelVersion.update({
      where: { id: v3.id },
      data: { metrics: { ...(v3.metrics as object), macroF1: 1 } },
    });
    const before = await aliasEvents();
    const { result } = await trainAndWatch({ name: 'repo-language', params: PARAMS, promote: true });
    expect(result.version).toBe(4);
    expect(result.promotion).toMatchObject({ promoted: false, previous: { version: 3, score: 1 } });
    expect(result.promotion!.reason).toMatch(/^macroF1 0\.\d+ does not beat champion v3's 1$/);
    expect(await aliasEvents()).toEqual(before);
  });

  it('refuses params out of range (BAD_USER_INPUT naming the param and range) before any run exists', async () => {
    const runs = await t.app.db.prisma.pipelineRun.count();
    const tooMany = await t.run(TRAIN, { name: 'repo-language', params: { epochs: 500 } });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toBe('params.epochs must be a whole number from 1 to 200; got 500');
    const zeroRate = await t.run(TRAIN, { name: 'repo-language', params: { learningRate: 0 } });
    expect(zeroRate.errors?.[0]?.message).toBe('params.learningRate must be a number > 0 and ≤ 1; got 0');
    const split = await t.run(TRAIN, { name: 'repo-language', params: { validationSplit: 0.9 } });
    expect(split.errors?.[0]?.message).toBe('params.validationSplit must be a number ≥ 0.05 and ≤ 0.5; got 0.9');
    expect(await t.app.db.prisma.pipelineRun.count()).toBe(runs);
  });

  it('answers NOT_FOUND for an unknown model, BAD_USER_INPUT for a model without a recipe', async () => {
    const unknown = await t.run(TRAIN, { name: 'no-such-model' });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toBe(
      'no model named "no-such-model" to train (trainable models: kr-forecast, repo-language)',
    );
    await t.app.modules.get('registry').models.create(
      {
        name: 'hand-made',
        task: 'regression',
        inputSchema: { type: 'object', properties: { a: { type: 'number' } } },
        outputSchema: { names: ['y'] },
      },
      TEST_ACTOR,
    );
    const manual = await t.run(TRAIN, { name: 'hand-made' });
    expect(errorCode(manual)).toBe('BAD_USER_INPUT');
    expect((await t.run('{ trainableModels }')).data).toEqual({ trainableModels: ['kr-forecast', 'repo-language'] });
  });
});

describe(`Training: a definition the recipe no longer fits (${backendName})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(tfjsBackend ? { TFJS_BACKEND: tfjsBackend } : {});
    await seedLanguageCatalog(t.app.db.prisma, 10);
  });
  afterAll(() => t.close());

  it('fails the run before training when its features read fields the model does not declare', async () => {
    await t.app.modules.get('registry').models.create(
      {
        name: 'repo-language',
        task: 'classification',
        inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        outputSchema: { labels: ['Go', OTHER_LANGUAGE] },
      },
      TEST_ACTOR,
    );
    const run = await t.app.modules
      .get('training')
      .training.start({ model: 'repo-language', params: PARAMS }, TEST_ACTOR);
    await t.app.modules.get('pipeline').pipeline.waitFor(run.id);
    const failed = await t.app.modules.get('pipeline').pipeline.get(run.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/^the recipe's features do not fit the input schema of model "repo-language" \(/);
    expect(failed.stages.map((stage) => stage.name)).not.toContain('train');
    expect((await t.app.modules.get('registry').models.getByName('repo-language')).latestVersion).toBe(0);
  });
});
