// Two API processes of the services deployment (one database, one Redis), as two composed apps in this test
// process, each with its own model cache: loadModel / unloadModel on one apply to the other.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../src/compose.js';
import { testRedisUrl } from '../../support/backends.js';
import { executeOn as run, twoApiProcesses, type TwoApiProcesses } from '../../support/cluster.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';

// Other tests may share this Redis: a name of our own keeps their processes' events out of our caches.
const MODEL = `cluster-${randomUUID().slice(0, 8)}`;
const loaded = (app: App) =>
  app.modules
    .get('serving')
    .cache.list()
    .filter((entry) => entry.modelName === MODEL)
    .map((entry) => entry.version)
    .sort();
const WAIT = { timeout: 15_000, interval: 20 };

describe.skipIf(!testRedisUrl)('Model serving across processes (services deployment)', () => {
  let processes: TwoApiProcesses;
  let a: App;
  let b: App;

  beforeAll(async () => {
    processes = await twoApiProcesses();
    ({ a, b } = processes);
    await createLinearModel(a.modules.get('registry'), MODEL);
    await addLinearVersion(a.modules.get('registry'), a.ml, MODEL, [1, 1], 0, { aliases: ['champion'] });
    await addLinearVersion(a.modules.get('registry'), a.ml, MODEL, [2, 2], 0, { aliases: ['challenger'] });
  });
  afterAll(async () => {
    await processes?.close();
  });

  it('loadModel on one process warms the others', async () => {
    await run(a, `mutation { loadModel(name: "${MODEL}", alias: "champion") { version } }`);
    expect(loaded(a)).toEqual([1]); // before answering
    await vi.waitFor(() => expect(loaded(b)).toEqual([1]), WAIT);
    await run(b, `mutation { loadModel(name: "${MODEL}", version: 2) { version } }`);
    await vi.waitFor(() => expect(loaded(a)).toEqual([1, 2]), WAIT);
  });

  it('unloadModel on one process evicts from the others, by version or the whole model', async () => {
    const one = await run(a, `mutation { unloadModel(name: "${MODEL}", alias: "champion") }`);
    expect(one.data).toEqual({ unloadModel: 1 });
    expect(loaded(a)).toEqual([2]);
    await vi.waitFor(() => expect(loaded(b)).toEqual([2]), WAIT);
    await run(b, `mutation { unloadModel(name: "${MODEL}") }`);
    expect(loaded(b)).toEqual([]);
    await vi.waitFor(() => expect(loaded(a)).toEqual([]), WAIT);
  });

  it('publishes registry events to dashboards on every process', async () => {
    const stream = await b.modules.get('registry').watchEvents(MODEL);
    await run(a, `mutation { setModelAlias(name: "${MODEL}", alias: "champion", version: 2) { version } }`);
    const next = await stream.next();
    expect(next.value).toMatchObject({
      kind: 'ALIAS_SET',
      model: MODEL,
      alias: 'champion',
      version: 2,
      fromVersion: 1,
    });
    expect(next.value).toMatchObject({ actor: 'test', origin: a.modules.get('registry').events.origin });
    await stream.return?.();
  });
});
