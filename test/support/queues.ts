// BullMQ pipeline queues on the test Redis (TEST_REDIS_URL), kept apart per test: each queue has a key prefix of
// its own, so no test sees another's jobs or workers, and every key is deleted afterwards.
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach } from 'vitest';
import { BullMqDispatcher, PipelineWorker, type PipelineWorkerOptions } from '../../src/infra/queue/index.js';
import { createLogger } from '../../src/logger.js';

/** A queue key prefix no other test (or test run sharing the Redis) uses. */
export const testQueuePrefix = () => `ost-test-${randomBytes(4).toString('hex')}`;

/** Deletes every key of the queues under `prefixes`. */
export async function deleteQueueKeys(redisUrl: string, ...prefixes: string[]): Promise<void> {
  const redis = new Redis(redisUrl);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
}

/** A run as a dispatcher is handed it. */
export const queuedRun = () => ({ id: randomUUID(), kind: 'IMPORT', params: {} });

/**
 * Queues of their own for the tests of the calling describe block: what is pushed on `closers` is closed after each
 * test (last first), and the queues' keys are deleted after all of them.
 */
export function isolatedQueues(redisUrl: string) {
  const closers: Array<() => Promise<unknown>> = [];
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(() => deleteQueueKeys(redisUrl, ...prefixes));
  return {
    closers,
    /** A dispatcher on a queue of its own; `url` connects as another user of the same Redis. */
    isolatedQueue(url = redisUrl) {
      const prefix = testQueuePrefix();
      prefixes.push(prefix);
      const dispatcher = new BullMqDispatcher({ url, prefix }, () => undefined);
      closers.push(() => dispatcher.close());
      return { prefix, dispatcher };
    },
    /** A worker on the queue under `prefix` that executes each run by ending it, unless `options` say otherwise. */
    worker(prefix: string, options: Partial<PipelineWorkerOptions>) {
      const worker = new PipelineWorker({
        url: redisUrl,
        prefix,
        name: 'test-worker',
        concurrency: 1,
        lockDurationMs: 30_000,
        stalledIntervalMs: 30_000,
        maxStalledCount: 1,
        logger: createLogger('silent'),
        execute: async () => 'ended',
        jobFailed: async () => undefined,
        ...options,
      });
      closers.push(() => worker.close());
      return worker;
    },
  };
}

/**
 * A user of the Redis at `redisUrl` allowed everything but CLIENT LIST (a managed Redis's typical restriction;
 * connections may still name themselves): its URL, and remove() to delete it.
 */
export async function userWithoutClientList(redisUrl: string): Promise<{ url: string; remove(): Promise<void> }> {
  const admin = new Redis(redisUrl);
  const user = `ost-test-no-client-list-${randomBytes(3).toString('hex')}`;
  await admin.call('ACL', 'SETUSER', user, 'on', 'nopass', '~*', '&*', '+@all', '-client|list');
  const restricted = new URL(redisUrl);
  restricted.username = user;
  return {
    url: restricted.toString(),
    async remove() {
      await admin.call('ACL', 'DELUSER', user);
      await admin.quit();
    },
  };
}
