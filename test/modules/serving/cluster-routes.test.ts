// Route caches across API processes of the services deployment (one database, one Redis), as composed apps in
// this test process: a registry change made through one is seen by the others' next predict once its event
// arrives, long before the time-to-live; and if the event is lost, within the time-to-live.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../src/compose.js';
import { testRedisUrl } from '../../support/backends.js';
import { composeApiProcess, executeOn as run, twoApiProcesses, type TwoApiProcesses } from '../../support/cluster.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

// Other tests may share this Redis: a name of our own keeps their processes' events out of our caches.
const MODEL = `routes-${randomUUID().slice(0, 8)}`;
const servedVersion = async (app: App) =>
  (await app.modules.get('serving').serving.predict({ model: MODEL, inputs: [{ a: 1, b: 1 }] }, TEST_ACTOR)).version;
const moveChampion = (app: App, version: number) =>
  run(app, `mutation { setModelAlias(name: "${MODEL}", alias: "champion", version: ${version}) { version } }`);
const WAIT = { timeout: 15_000, interval: 20 };

describe.skipIf(!testRedisUrl)('Route caches across processes (services deployment)', () => {
  let processes: TwoApiProcesses;
  let a: App;
  let b: App;

  beforeAll(async () => {
    // A time-to-live far beyond the test: B can only see A's changes through the events.
    processes = await twoApiProcesses({ MODEL_ROUTE_TTL_MS: '60000' });
    ({ a, b } = processes);
    await createLinearModel(a.modules.get('registry'), MODEL);
    await addLinearVersion(a.modules.get('registry'), a.ml, MODEL, [1, 1], 0, { aliases: ['champion'] });
    await addLinearVersion(a.modules.get('registry'), a.ml, MODEL, [2, 2], 0);
  });
  afterAll(async () => {
    await processes?.close();
  });

  it("an alias move through A is seen by B's next predict once the event arrives", async () => {
    expect([await servedVersion(a), await servedVersion(b)]).toEqual([1, 1]); // both cached now
    const heard = vi.spyOn(b.modules.get('serving').serving, 'forgetRoutes');
    await moveChampion(a, 2);
    expect(await servedVersion(a)).toBe(2); // the answering process: at once, no event needed
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith(MODEL), WAIT);
    expect(await servedVersion(b)).toBe(2);
    heard.mockRestore();
  });

  it('with the events lost, a process sees the change within its time-to-live', async () => {
    const c = await composeApiProcess(processes.database, { MODEL_ROUTE_TTL_MS: '300' });
    try {
      expect(await servedVersion(c)).toBe(2);
      const dropped = vi.spyOn(c.modules.get('serving').serving, 'forgetRoutes').mockImplementation(() => undefined);
      await moveChampion(a, 1);
      await vi.waitFor(() => expect(dropped).toHaveBeenCalledWith(MODEL), WAIT); // arrived, and ignored
      await vi.waitFor(async () => expect(await servedVersion(c)).toBe(1), WAIT);
      // B, whose events got through, was told long before.
      expect(await servedVersion(b)).toBe(1);
    } finally {
      await c.close();
    }
  });
});
