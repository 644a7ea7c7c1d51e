import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, testRedisUrl } from '../../support/backends.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TEST_ACTOR } from '../../support/app.js';

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('System: serverInfo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports release, backends, the TensorFlow.js backend and uptime of the answering process', async () => {
    const result = await t.run(`{ serverInfo {
      version nodeVersion environment database cache pubsub startedAt uptimeSeconds
      tfjs { backend requested simd numTensors numBytes } } }`);
    expect(result.errors).toBeUndefined();
    const info = (result.data as { serverInfo: Record<string, unknown> }).serverInfo;
    expect(info).toMatchObject({
      version,
      nodeVersion: process.versions.node,
      environment: 'test',
      database: backendName,
      cache: testRedisUrl ? 'redis' : 'memory',
      pubsub: testRedisUrl ? 'redis' : 'memory',
      tfjs: {
        backend: 'wasm',
        requested: 'auto',
        simd: true,
        numTensors: expect.any(Number),
        numBytes: expect.any(Number),
      },
    });
    expect(info.uptimeSeconds).toBeGreaterThan(0);
    expect(Date.parse(info.startedAt as string)).toBeLessThanOrEqual(Date.now());
  });
});

const PIPELINES = `{ serverInfo { pipelines {
  mode workers waiting active delayed failed oldestWaitingSeconds warning checkedAt } } }`;

type Pipelines = Record<string, unknown>;
const pipelinesOf = (result: { data?: unknown }) =>
  (result.data as { serverInfo: { pipelines: Pipelines } }).serverInfo.pipelines;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe(`System: serverInfo.pipelines, inline execution (${backendName})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports inline mode and the runs this process executes; queue-only counts are null', async () => {
    const started = deferred();
    const release = deferred();
    t.app.modules.get('pipeline').pipeline.registerHandler('EMBED', async () => {
      started.resolve();
      await release.promise;
    });
    const run = await t.app.modules.get('pipeline').pipeline.submit('EMBED', {}, TEST_ACTOR);
    await started.promise;
    try {
      const result = await t.run(PIPELINES);
      expect(result.errors).toBeUndefined();
      const pipelines = pipelinesOf(result);
      expect(pipelines).toEqual({
        mode: 'inline',
        workers: null,
        waiting: null,
        active: 1,
        delayed: null,
        failed: null,
        oldestWaitingSeconds: null,
        warning: null,
        checkedAt: expect.any(String),
      });
      expect(Date.parse(pipelines.checkedAt as string)).toBeLessThanOrEqual(Date.now());
    } finally {
      release.resolve();
      await t.app.modules.get('pipeline').pipeline.waitFor(run.id);
    }
  });
});

describe.skipIf(!testRedisUrl)('System: serverInfo.pipelines, queue execution (needs TEST_REDIS_URL)', () => {
  const prefix = `ost-test-${randomBytes(4).toString('hex')}`;
  let t: TestApp;

  beforeAll(async () => {
    // A threshold of 1 ms: the watch's second look at stranded runs already warns.
    t = await createTestApp({ PIPELINE_EXECUTION: 'queue', QUEUE_PREFIX: prefix, QUEUE_NO_WORKER_WARN_MS: '1' });
  });
  afterAll(async () => {
    await t.close();
    const redis = new Redis(testRedisUrl!);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('with no worker running, a submitted run is still queued and shows as waiting with zero workers', async () => {
    const run = await t.app.modules.get('pipeline').pipeline.submit('IMPORT', { dir: 'nowhere' }, TEST_ACTOR);
    expect(run.status).toBe('QUEUED');

    const result = await t.run(PIPELINES);
    expect(result.errors).toBeUndefined();
    expect(pipelinesOf(result)).toMatchObject({
      mode: 'queue',
      workers: 0,
      waiting: 1,
      active: 0,
      delayed: 0,
      failed: 0,
      oldestWaitingSeconds: expect.any(Number),
      warning: null, // the watch is started by API processes (main); nothing has checked yet
    });
  });

  it("carries the no-worker watch's warning once runs have waited with no worker past the threshold", async () => {
    const { noWorkerWatch } = t.app.modules.get('system');
    await expect
      .poll(async () => {
        await noWorkerWatch.check();
        return noWorkerWatch.warning;
      })
      .toMatch(/^1 pipeline run waiting and no pipeline worker connected/);

    const result = await t.run(PIPELINES);
    expect(pipelinesOf(result).warning).toBe(noWorkerWatch.warning);
    expect(pipelinesOf(result).warning).toContain('`npm run worker`');
  });
});
