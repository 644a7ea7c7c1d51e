import { userActor } from '../../../src/access/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../support/app-error.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, createLinearModel, linearArtifact, LINEAR_FEATURES } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

describe('Model registry: definitions and versions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createLinearModel(t.app.modules.get('registry'), 'linear');
  });
  afterAll(() => t.close());

  it('refuses a second model with the same name (CONFLICT) and bad definitions (BAD_USER_INPUT)', async () => {
    const duplicate = await rejection(createLinearModel(t.app.modules.get('registry'), 'linear'));
    expect(duplicate.code).toBe('CONFLICT');
    const badName = await rejection(
      t.app.modules
        .get('registry')
        .models.create({ name: 'Bad Name', task: 'regression', inputSchema: {}, outputSchema: {} }, TEST_ACTOR),
    );
    expect([badName.code, badName.message]).toEqual(['BAD_USER_INPUT', expect.stringContaining('not a model name')]);
    const badTask = await rejection(
      t.app.modules
        .get('registry')
        .models.create({ name: 'ok-name', task: 'ranking', inputSchema: {}, outputSchema: {} }, TEST_ACTOR),
    );
    expect(badTask.message).toContain('"ranking" is not a model task');
  });

  it('numbers versions 1, 2, 3 and stores the artifact, params, metrics, dataset and author', async () => {
    const v1 = await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'linear', [1, 1], 0, {
      metrics: { rmse: 0.5 },
    });
    const v2 = await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'linear', [2, 3], 1);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1).toMatchObject({ params: { kernel: [1, 1], bias: 0 }, metrics: { rmse: 0.5 }, createdBy: 'test' });
    expect(v1.dataset).toEqual({ name: 'synthetic' });
    const stored = await t.app.db.prisma.modelVersion.findUniqueOrThrow({ where: { id: v2.id } });
    expect(stored.weights.byteLength).toBe(12);
    expect(stored.topology).toMatchObject({ preprocessing: { features: LINEAR_FEATURES } });
  });

  it('gives concurrent registrations distinct, gap-free numbers', async () => {
    await createLinearModel(t.app.modules.get('registry'), 'busy');
    const registered = await Promise.all(
      Array.from({ length: 8 }, (_, i) => addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'busy', [i, 1], 0)),
    );
    expect(registered.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const model = await t.app.modules.get('registry').models.getByName('busy');
    expect(model.latestVersion).toBe(8);
  });

  it('refuses an artifact that does not fit the model, storing nothing', async () => {
    const before = await t.app.modules.get('registry').models.getByName('linear');
    const wrongWidth = await rejection(
      t.app.modules.get('registry').versions.register({
        model: 'linear',
        artifact: await linearArtifact(t.app.ml),
        features: [{ field: 'a', kind: 'number' }],
      }),
    );
    expect(wrongWidth.code).toBe('BAD_USER_INPUT');
    expect(wrongWidth.message).toContain('its features encode 1 numbers per row but the network takes 2');
    const tooManyOutputs = await rejection(
      t.app.modules.get('registry').versions.register({
        model: 'linear',
        artifact: await linearArtifact(t.app.ml, [1, 1], 0, 3),
        features: LINEAR_FEATURES,
      }),
    );
    expect(tooManyOutputs.message).toContain('3 output units for 1 names');
    const unknown = await rejection(
      t.app.modules
        .get('registry')
        .versions.register({ model: 'nope', artifact: await linearArtifact(t.app.ml), features: [] }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await t.app.modules.get('registry').models.getByName('linear')).latestVersion).toBe(before.latestVersion);
  });
});

describe('Model registry: aliases move atomically, with an audit history', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createLinearModel(t.app.modules.get('registry'), 'kr');
    for (let i = 1; i <= 3; i++) await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'kr', [i, i], 0);
    await createLinearModel(t.app.modules.get('registry'), 'other');
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'other', [1, 1], 0);
  });
  afterAll(() => t.close());

  const history = async (name: string) => {
    const model = await t.app.modules.get('registry').models.getByName(name);
    return (await t.app.modules.get('registry').aliases.history(model.id, { first: 50 })).rows.map((e) => [
      e.alias,
      e.fromVersion,
      e.toVersion,
    ]);
  };

  it('promotes, moves and rolls back, recording each move (and not a move to where it already points)', async () => {
    const { aliases } = t.app.modules.get('registry');
    expect(
      await aliases.set({ model: 'kr', alias: 'champion', version: 1, actor: userActor('ana', 'ADMIN') }),
    ).toMatchObject({
      alias: 'champion',
      version: 1,
    });
    await aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'champion', version: 2, reason: 'better rmse' });
    await aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'champion', version: 2 });
    await aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'champion', version: 1, reason: 'rollback' });
    expect(await history('kr')).toEqual([
      ['champion', 2, 1],
      ['champion', 1, 2],
      ['champion', null, 1],
    ]);
  });

  it('NOT_FOUND for a missing version or model; BAD_USER_INPUT for a version of another model', async () => {
    const { aliases } = t.app.modules.get('registry');
    const missing = await rejection(aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'challenger', version: 9 }));
    expect([missing.code, missing.message]).toEqual([
      'NOT_FOUND',
      'model "kr" has no version 9 (its versions run from 1 to 3)',
    ]);
    expect(
      (await rejection(aliases.set({ actor: TEST_ACTOR, model: 'nope', alias: 'champion', version: 1 }))).code,
    ).toBe('NOT_FOUND');
    const foreign = await t.app.db.prisma.modelVersion.findFirstOrThrow({ where: { model: { name: 'other' } } });
    const wrong = await rejection(
      aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'champion', versionId: foreign.id }),
    );
    expect([wrong.code, wrong.message]).toEqual([
      'BAD_USER_INPUT',
      expect.stringContaining('is version 1 of model "other", not of "kr"'),
    ]);
    expect((await rejection(aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'champion' }))).message).toContain(
      'exactly one',
    );
    expect(
      (await rejection(aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: '42', version: 1 }))).message,
    ).toContain('not an alias');
  });

  it('keeps the alias consistent under concurrent moves: it ends on one of them, every move audited', async () => {
    const { aliases } = t.app.modules.get('registry');
    const model = await t.app.modules.get('registry').models.getByName('kr');
    const before = (await aliases.history(model.id, { first: 100 })).rows.length;
    await Promise.all(
      [1, 2, 3, 1, 2, 3].map((version) => aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'race', version })),
    );
    const events = (await aliases.history(model.id, { first: 100 })).rows.slice(0, -before || undefined);
    const final = (await aliases.byModelIds([model.id])).get(model.id)!.find((a) => a.alias === 'race')!;
    // Each recorded move starts where the previous one ended: no lost update.
    const chronological = events.filter((e) => e.alias === 'race').reverse();
    chronological.forEach((event, i) =>
      expect(event.fromVersion).toBe(i === 0 ? null : chronological[i - 1]!.toVersion),
    );
    expect(chronological.at(-1)!.toVersion).toBe(final.version);
  });

  it('validates traffic splits against existing aliases and refuses to delete an alias the split uses', async () => {
    const { aliases } = t.app.modules.get('registry');
    await aliases.set({ actor: TEST_ACTOR, model: 'kr', alias: 'challenger', version: 3 });
    const noSuch = await rejection(
      aliases.setTrafficSplit('kr', [{ alias: 'shadow', weight: 1 }], { actor: TEST_ACTOR }),
    );
    expect(noSuch.message).toContain('the model has no alias "shadow"');
    const split = await aliases.setTrafficSplit(
      'kr',
      [
        { alias: 'champion', weight: 3 },
        { alias: 'challenger', weight: 1 },
      ],
      { actor: TEST_ACTOR },
    );
    expect(split.trafficSplit).toEqual([
      { alias: 'champion', weight: 3 },
      { alias: 'challenger', weight: 1 },
    ]);
    const inUse = await rejection(aliases.delete({ actor: TEST_ACTOR, model: 'kr', alias: 'challenger' }));
    expect(inUse.code).toBe('CONFLICT');
    await aliases.setTrafficSplit('kr', [{ alias: 'champion', weight: 1 }], { actor: TEST_ACTOR });
    await aliases.delete({ actor: TEST_ACTOR, model: 'kr', alias: 'challenger', reason: 'experiment over' });
    expect((await history('kr'))[0]).toEqual(['challenger', 3, null]);
    expect((await rejection(aliases.delete({ actor: TEST_ACTOR, model: 'kr', alias: 'challenger' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('answers GraphQL with NOT_FOUND / BAD_USER_INPUT codes', async () => {
    const missing = await t.run(`mutation { setModelAlias(name: "kr", alias: "champion", version: 42) { version } }`);
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const badId = await t.run(
      `mutation { setModelAlias(name: "kr", alias: "champion", versionId: "nope") { version } }`,
    );
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
  });
});
