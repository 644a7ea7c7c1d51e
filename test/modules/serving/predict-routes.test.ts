// The predict hot path: routes come from the per-process route cache, so a predict on a loaded version sends no
// SQL; this process's own registry changes are seen by its very next predict; a cached route to a version
// deleted since fails with NOT_FOUND (or routes afresh), never INTERNAL. Both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRequest } from '../../../src/modules/registry/traffic-split.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { backendName } from '../../support/backends.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

const MODEL = 'routes';
const PREDICT = `query ($model: String!, $alias: String, $version: Int, $routingKey: String, $inputs: [JSON!]!) {
  predict(model: $model, alias: $alias, version: $version, routingKey: $routingKey, inputs: $inputs) {
    version alias outputs
  }
}`;
type Predicted = { predict: { version: number; alias: string | null; outputs: Array<{ y: number }> } };

describe(`Serving: the route cache on the predict path (${backendName})`, () => {
  let t: TestApp;
  const predict = async (target: { model?: string; alias?: string; version?: number; routingKey?: string }) => {
    const result = await t.run<Predicted>(PREDICT, { model: MODEL, inputs: [{ a: 1, b: 1 }], ...target });
    return result;
  };
  const served = async (target: Parameters<typeof predict>[0] = {}) => {
    const result = await predict(target);
    expect(result.errors).toBeUndefined();
    return result.data!.predict;
  };
  const mutate = async (document: string) => expect((await t.run(document)).errors).toBeUndefined();

  beforeAll(async () => {
    // A long time-to-live: whatever is seen below is seen through invalidation, never through expiry.
    t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '0', MODEL_ROUTE_TTL_MS: '60000' });
    await createLinearModel(t.app.modules.get('registry'), MODEL);
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [1, 1], 0, { aliases: ['champion'] }); // y = 2
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [2, 2], 0, { aliases: ['challenger'] }); // y = 4
  });
  afterAll(() => t.close());

  it('a warmed predict on a loaded version sends no SQL statement, by alias, by version or by default', async () => {
    const targets = [{}, { alias: 'challenger' }, { version: 1 }, { version: 2 }];
    for (const target of targets) await served(target); // loads the versions and caches the routes
    t.resetQueries();
    for (const target of targets) await served(target);
    await t.app.modules.get('serving').serving.predict({ model: MODEL, inputs: [{ a: 1, b: 1 }] }, TEST_ACTOR);
    expect(t.queries).toEqual([]);
    // The count is real: with the routes forgotten, the same call reads the model and its alias again.
    t.app.modules.get('serving').routes.forget(MODEL);
    await served();
    expect(t.queries.length).toBeGreaterThanOrEqual(2);
  });

  it('an alias move in this process is seen by its next predict', async () => {
    expect(await served()).toMatchObject({ version: 1, alias: 'champion', outputs: [{ y: 2 }] });
    await mutate(`mutation { setModelAlias(name: "${MODEL}", alias: "champion", version: 2) { version } }`);
    expect(await served()).toMatchObject({ version: 2, alias: 'champion', outputs: [{ y: 4 }] });
    await mutate(`mutation { setModelAlias(name: "${MODEL}", alias: "champion", version: 1) { version } }`);
    expect(await served()).toMatchObject({ version: 1, alias: 'champion' });
  });

  it('a new version, a traffic split and a deleted alias are seen at once; the split stays sticky by key', async () => {
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [3, 3], 0, { aliases: ['canary'] });
    expect(await served({ alias: 'canary' })).toMatchObject({ version: 3, outputs: [{ y: 6 }] });
    await mutate(
      `mutation { setTrafficSplit(name: "${MODEL}", routes: [{ alias: "champion", weight: 1 }, { alias: "challenger", weight: 1 }]) { name } }`,
    );
    const split = [
      { alias: 'champion', weight: 1 },
      { alias: 'challenger', weight: 1 },
    ];
    for (const routingKey of ['user-1', 'user-2', 'user-3', 'user-4']) {
      const expected = routeRequest(split, routingKey, MODEL);
      expect((await served({ routingKey })).alias).toBe(expected);
      expect((await served({ routingKey })).alias).toBe(expected); // again, now from the cache
    }
    await mutate(
      `mutation { setTrafficSplit(name: "${MODEL}", routes: [{ alias: "challenger", weight: 1 }]) { name } }`,
    );
    expect(await served({ routingKey: 'user-1' })).toMatchObject({ alias: 'challenger', version: 2 });
    await mutate(`mutation { setTrafficSplit(name: "${MODEL}", routes: []) { name } }`);
    expect(await served()).toMatchObject({ alias: 'champion', version: 1 });
    await mutate(`mutation { deleteModelAlias(name: "${MODEL}", alias: "canary") { name } }`);
    const gone = await predict({ alias: 'canary' });
    expect(errorCode(gone)).toBe('NOT_FOUND');
    expect(gone.errors![0]!.message).toContain('has no alias "canary"');
  });

  it('a cached route to a version deleted since fails with NOT_FOUND, not INTERNAL', async () => {
    // Nothing in the API deletes versions: an operator's SQL does, and publishes no event.
    const v4 = await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [4, 4], 0, {
      aliases: ['doomed'],
    });
    await served({ alias: 'doomed' });
    await served({ version: 4 });
    t.app.modules.get('serving').serving.unloadHere(MODEL, v4.id); // not loaded: the cached route is all that is left
    await t.app.db.prisma.modelVersion.delete({ where: { id: v4.id } });
    const byAlias = await predict({ alias: 'doomed' });
    expect(errorCode(byAlias)).toBe('NOT_FOUND');
    expect(byAlias.errors![0]!.message).toContain('has no alias "doomed"');
    const byVersion = await predict({ version: 4 });
    expect(errorCode(byVersion)).toBe('NOT_FOUND');
    expect(byVersion.errors![0]!.message).toContain('has no version 4');
  });

  it('a cached alias whose version was deleted, the alias moved without an event, routes afresh', async () => {
    const v5 = await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [5, 5], 0, { aliases: ['beta'] });
    expect(await served({ alias: 'beta' })).toMatchObject({ version: 5 });
    t.app.modules.get('serving').serving.unloadHere(MODEL, v5.id);
    const v2 = await t.app.db.prisma.modelVersion.findFirstOrThrow({ where: { version: 2, model: { name: MODEL } } });
    await t.app.db.prisma.modelAlias.updateMany({ where: { alias: 'beta' }, data: { versionId: v2.id } });
    await t.app.db.prisma.modelVersion.delete({ where: { id: v5.id } });
    expect(await served({ alias: 'beta' })).toMatchObject({ version: 2, alias: 'beta', outputs: [{ y: 4 }] });
  });
});
