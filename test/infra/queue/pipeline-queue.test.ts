// The pipeline queue on a real Redis (TEST_REDIS_URL; BullMQ has no in-memory mode, so the embedded run skips it):
// one job per run, a worker executing jobs, and what happens to a job whose worker dies: its lock expires, another
// worker's stalled check takes it over, and past WORKER_MAX_STALLED it is failed as lost.
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  BullMqDispatcher,
  PIPELINE_QUEUE,
  PipelineWorker,
  type PipelineWorkerOptions,
} from '../../../src/infra/queue/index.js';
import { createLogger } from '../../../src/logger.js';
import { testRedisUrl } from '../../support/backends.js';

const logger = createLogger('silent');
const redisUrl = testRedisUrl ?? '';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const run = (kind = 'IMPORT') => ({ id: randomUUID(), kind, params: {} });

describe.runIf(!testRedisUrl)('Pipeline queue: BullMQ on Redis', () => {
  it('runs only against a real Redis', (context) => {
    context.skip('skipped: set TEST_REDIS_URL (BullMQ has no in-memory mode)');
  });
});

describe.skipIf(!testRedisUrl)('Pipeline queue: BullMQ on Redis (needs TEST_REDIS_URL)', () => {
  // Unique per test run: nothing here sees another run's jobs, and everything is deleted afterwards.
  const prefix = `ost-test-${randomBytes(4).toString('hex')}`;
  const connection = { url: redisUrl, prefix };
  const closers: Array<() => Promise<unknown>> = [];
  const dispatcher = new BullMqDispatcher(connection, () => undefined);
  const inspect = new Queue(PIPELINE_QUEUE, { connection: { url: redisUrl }, prefix });

  const worker = (options: Partial<PipelineWorkerOptions>) => {
    const created = new PipelineWorker({
      url: redisUrl,
      prefix,
      name: 'test-worker',
      concurrency: 1,
      lockDurationMs: 1_000,
      stalledIntervalMs: 300,
      maxStalledCount: 1,
      logger,
      execute: async () => 'ended',
      jobFailed: async () => undefined,
      ...options,
    });
    closers.push(() => created.close());
    return created;
  };

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await dispatcher.close();
    await inspect.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('adds one job per run, named by its kind, whose id is the run id: adding it again changes nothing', async () => {
    const submitted = run('GITHUB_INGEST');
    await dispatcher.dispatch(submitted);
    await dispatcher.dispatch(submitted);

    const job = await inspect.getJob(submitted.id);
    expect(job).toMatchObject({ id: submitted.id, name: 'GITHUB_INGEST', data: { runId: submitted.id } });
    expect(await inspect.getWaitingCount()).toBe(1);
    expect(await dispatcher.presence(submitted.id)).toBe('pending');
    expect(await dispatcher.presence(randomUUID())).toBe('none');
    await inspect.drain(); // leave nothing for the next tests' workers
  });

  it('a worker executes the run of each job: held while it executes, none once done', async () => {
    const submitted = run();
    const executing = deferred<string>();
    const release = deferred();
    await worker({
      execute: async (runId) => {
        executing.resolve(runId);
        await release.promise;
        return 'ended';
      },
    }).start();

    await dispatcher.dispatch(submitted);

    expect(await executing.promise).toBe(submitted.id);
    expect(await dispatcher.presence(submitted.id)).toBe('held');
    release.resolve();
    await expect.poll(() => dispatcher.presence(submitted.id), { timeout: 10_000 }).toBe('none');
    expect(await inspect.getJobState(submitted.id)).toBe('completed');
  });

  it('a stopping worker hands its run back: the job returns to the queue and the next worker executes it', async () => {
    const submitted = run();
    const executing = deferred();
    const stop = deferred();
    const stopping = worker({
      execute: async () => {
        executing.resolve();
        await stop.promise; // what PipelineService.shutdown(_, 'requeue') does: the run is QUEUED again
        return 'handed-back';
      },
    });
    await stopping.start();
    await dispatcher.dispatch(submitted);
    await executing.promise;

    const closed = stopping.close(); // waits for the run in progress...
    stop.resolve(); // ...which the shutdown interrupts and hands back
    await closed;
    expect(await dispatcher.presence(submitted.id)).toBe('pending');

    const next = deferred<string>();
    await worker({
      execute: async (runId) => {
        next.resolve(runId);
        return 'ended';
      },
    }).start();
    expect(await next.promise).toBe(submitted.id);
    await expect.poll(() => inspect.getJobState(submitted.id), { timeout: 10_000 }).toBe('completed');
    expect((await inspect.getJob(submitted.id))?.stalledCounter).toBe(0); // not counted as a lost worker
  });

  /** A worker that takes the next job and dies with it: its lock is never renewed nor released. */
  async function workerThatDies(): Promise<void> {
    const taken = deferred();
    const doomed = new Worker(
      PIPELINE_QUEUE,
      async () => {
        taken.resolve();
        await new Promise(() => undefined);
      },
      { connection: { url: redisUrl }, prefix, lockDuration: 1_000, stalledInterval: 300 },
    );
    doomed.on('error', () => undefined);
    await taken.promise;
    await doomed.close(true); // stops renewing the lock, like a killed process
  }

  it('a job whose worker died is taken over by another worker once its lock expired, and executed again', async () => {
    const submitted = run();
    await dispatcher.dispatch(submitted);
    await workerThatDies();
    await expect.poll(() => dispatcher.presence(submitted.id), { timeout: 10_000 }).toBe('none');

    const executed = deferred<string>();
    await worker({
      execute: async (runId) => {
        executed.resolve(runId);
        return 'ended';
      },
    }).start();

    expect(await executed.promise).toBe(submitted.id);
    await expect.poll(() => inspect.getJobState(submitted.id), { timeout: 10_000 }).toBe('completed');
  });

  it('past WORKER_MAX_STALLED the job is failed instead, and the worker reports the run as lost', async () => {
    const submitted = run();
    await dispatcher.dispatch(submitted);
    await workerThatDies();

    const failed = deferred<{ runId: string; lost: boolean }>();
    let executed = false;
    await worker({
      maxStalledCount: 0,
      execute: async () => {
        executed = true;
        return 'ended';
      },
      jobFailed: async (runId, failure) => failed.resolve({ runId, lost: failure.lost }),
    }).start();

    expect(await failed.promise).toEqual({ runId: submitted.id, lost: true });
    expect(executed).toBe(false);
    expect(await dispatcher.presence(submitted.id)).toBe('none');
  });
});
