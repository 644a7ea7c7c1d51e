// The queue's health read on a real Redis (TEST_REDIS_URL; BullMQ has no in-memory mode, so the embedded run
// skips it): counts by state, the oldest waiting job's age, connected workers, and a Redis that refuses CLIENT
// LIST answering "unknown" (null) instead of failing or guessing.
import { describe, expect, it } from 'vitest';
import { countWorkers, databaseOf } from '../../../src/infra/queue/index.js';
import { testRedisUrl } from '../../support/backends.js';
import { deleteQueueKeys, isolatedQueues, queuedRun as run, userWithoutClientList } from '../../support/queues.js';
import { deferred } from '../../support/waiting.js';

const redisUrl = testRedisUrl ?? '';

describe('Pipeline queue health: counting workers from CLIENT LIST', () => {
  it('counts the worker connections BullMQ parsed from the list', () => {
    const worker = { name: 'pipeline-runs', rawname: 'ost:cGlwZWxpbmUtcnVucw==:w:api-1' };
    expect(countWorkers([])).toBe(0);
    expect(countWorkers([worker, { ...worker, rawname: 'ost:cGlwZWxpbmUtcnVucw==:w:api-2' }])).toBe(2);
  });

  it("counts only the connections to the queue's own Redis database (another deployment may share the prefix)", () => {
    const worker = { name: 'pipeline-runs', rawname: 'ost:cGlwZWxpbmUtcnVucw==:w:api-1', db: '15' };
    expect(countWorkers([worker, { ...worker, db: '3' }], 15)).toBe(1);
    expect(countWorkers([worker, { ...worker, db: '3' }], 0)).toBe(0);
    expect(databaseOf('redis://127.0.0.1:6379/15')).toBe(15);
    expect(databaseOf('redis://127.0.0.1:6379')).toBe(0);
  });

  it('reads the placeholder BullMQ returns for a Redis without the CLIENT command as unknown, not one worker', () => {
    expect(countWorkers([{ name: 'GCP does not support client list' }])).toBeNull();
  });
});

describe.runIf(!testRedisUrl)('Pipeline queue health: BullMQ on Redis', () => {
  it('runs only against a real Redis', (context) => {
    context.skip('skipped: set TEST_REDIS_URL (BullMQ has no in-memory mode)');
  });
});

describe.skipIf(!testRedisUrl)('Pipeline queue health: BullMQ on Redis (needs TEST_REDIS_URL)', () => {
  const queues = isolatedQueues(redisUrl);
  const { closers, isolatedQueue } = queues;

  it('with no worker: runs pile up as waiting, zero workers, the oldest waiting has an age', async () => {
    const { dispatcher } = isolatedQueue();
    expect(await dispatcher.health()).toEqual({
      mode: 'queue',
      workers: 0,
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      oldestWaitingSeconds: null,
    });

    await dispatcher.dispatch(run());
    await dispatcher.dispatch(run());

    const health = await dispatcher.health();
    expect(health).toMatchObject({ mode: 'queue', workers: 0, waiting: 2, active: 0 });
    expect(health.oldestWaitingSeconds).toBeGreaterThanOrEqual(0);
  });

  it('with a PipelineWorker connected: one worker, and the run it executes is active, not waiting', async () => {
    const { prefix, dispatcher } = isolatedQueue();
    const executing = deferred();
    const release = deferred();
    const worker = queues.worker(prefix, {
      name: 'health-test-worker',
      concurrency: 2, // one process, one worker, however many runs it takes at once
      execute: async () => {
        executing.resolve();
        await release.promise;
        return 'ended';
      },
    });
    await worker.start();

    await dispatcher.dispatch(run());
    await executing.promise;

    expect(await dispatcher.health()).toMatchObject({ workers: 1, waiting: 0, active: 1, oldestWaitingSeconds: null });
    release.resolve();
    await expect.poll(async () => (await dispatcher.health()).active, { timeout: 10_000 }).toBe(0);
  });

  it('does not count a worker of another deployment: same prefix, another Redis database', async () => {
    const { prefix, dispatcher } = isolatedQueue();
    const otherDb = new URL(redisUrl);
    otherDb.pathname = `/${(databaseOf(redisUrl) + 1) % 16}`;
    const elsewhere = queues.worker(prefix, { name: 'other-deployment', url: otherDb.toString() });
    try {
      await elsewhere.start();
      expect((await dispatcher.health()).workers).toBe(0);
      const here = queues.worker(prefix, { name: 'this-deployment' });
      await here.start();
      expect((await dispatcher.health()).workers).toBe(1);
    } finally {
      await elsewhere.close();
      await deleteQueueKeys(otherDb.toString(), prefix);
    }
  });

  it('a Redis that refuses CLIENT LIST (ACL) reports workers as unknown and still counts the jobs', async () => {
    const restricted = await userWithoutClientList(redisUrl);
    try {
      const { dispatcher } = isolatedQueue(restricted.url);
      await dispatcher.dispatch(run());

      expect(await dispatcher.health()).toMatchObject({ mode: 'queue', workers: null, waiting: 1, active: 0 });
    } finally {
      for (const close of closers.splice(0).reverse()) await close();
      await restricted.remove();
    }
  });
});
