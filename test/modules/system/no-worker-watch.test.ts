// The API's no-worker warning over a real queue (TEST_REDIS_URL): runs waiting with zero workers for longer than
// the threshold log one warning per episode, naming the count and `npm run worker`; a worker connecting (or the
// queue emptying) ends the episode with one line. Inline execution never warns. Time is a test clock, so
// thresholds are exact; one test drives the real timer with a short threshold.
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { PIPELINE_QUEUE, type BullMqDispatcher } from '../../../src/infra/queue/index.js';
import { createLogger } from '../../../src/logger.js';
import { NoWorkerWatch } from '../../../src/modules/system/index.js';
import { backendName, testRedisUrl } from '../../support/backends.js';
import { createTestApp } from '../../support/app.js';
import { isolatedQueues, queuedRun as run, userWithoutClientList } from '../../support/queues.js';
import { captureLogger, type LogLine } from '../../server/test-server.js';

const WARN_AFTER_MS = 30_000;
const redisUrl = testRedisUrl ?? '';
const warnings = (logs: LogLine[]) => logs.filter((line) => line.level === 40);
const infos = (logs: LogLine[]) => logs.filter((line) => line.level === 30);

describe(`No-worker watch: inline execution (${backendName})`, () => {
  it('never warns: runs execute in the API process, nothing waits for a worker', async () => {
    const t = await createTestApp();
    try {
      const logs: LogLine[] = [];
      let now = 0;
      const watch = new NoWorkerWatch({
        read: () => t.app.modules.get('pipeline').pipeline.dispatcher.health(),
        warnAfterMs: 1,
        logger: captureLogger(logs),
        now: () => now,
      });
      await watch.check();
      now = 60_000;
      await watch.check();
      expect(logs).toEqual([]);
      expect(watch.warning).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!testRedisUrl)('No-worker watch: queue execution (needs TEST_REDIS_URL)', () => {
  const queues = isolatedQueues(redisUrl);
  const { closers, isolatedQueue } = queues;

  function watchOver(dispatcher: BullMqDispatcher, warnAfterMs = WARN_AFTER_MS) {
    const logs: LogLine[] = [];
    const clock = { now: 0 };
    const watch = new NoWorkerWatch({
      read: () => dispatcher.health(),
      warnAfterMs,
      logger: captureLogger(logs),
      now: () => clock.now,
    });
    closers.push(() => watch.stop());
    return { watch, logs, clock };
  }

  it('warns once when runs wait with no worker past the threshold, and logs the worker connecting', async () => {
    const { prefix, dispatcher } = isolatedQueue();
    const { watch, logs, clock } = watchOver(dispatcher);
    await watch.check(); // empty queue, no worker: nothing to say
    await dispatcher.dispatch(run());
    await dispatcher.dispatch(run());

    await watch.check(); // the episode starts now
    clock.now = WARN_AFTER_MS - 1;
    await watch.check();
    expect(warnings(logs)).toEqual([]);
    expect(watch.warning).toBeNull();

    clock.now = WARN_AFTER_MS;
    await watch.check();
    clock.now = 2 * WARN_AFTER_MS;
    await watch.check();

    expect(warnings(logs)).toHaveLength(1); // once per episode, however many checks follow
    const [warning] = warnings(logs);
    expect(warning).toMatchObject({ waiting: 2, noWorkerForSeconds: 30, oldestWaitingSeconds: expect.any(Number) });
    expect(warning?.msg).toMatch(/^2 pipeline runs waiting and no pipeline worker connected for 30 s/);
    expect(warning?.msg).toContain('`npm run worker`');
    expect(watch.warning).toMatch(/^2 pipeline runs waiting and no pipeline worker connected for 60 s/);

    const worker = queues.worker(prefix, { name: 'watch-test-worker' });
    await worker.start();
    await watch.check();

    expect(infos(logs)).toEqual([
      expect.objectContaining({ workers: 1, msg: expect.stringMatching(/worker connected/) }),
    ]);
    expect(watch.warning).toBeNull();
    expect(warnings(logs)).toHaveLength(1);
  });

  it('ends the episode when the queue empties with still no worker, and warns again in a new episode', async () => {
    const { prefix, dispatcher } = isolatedQueue();
    const { watch, logs, clock } = watchOver(dispatcher);
    await dispatcher.dispatch(run());
    await watch.check();
    clock.now = WARN_AFTER_MS;
    await watch.check();
    expect(warnings(logs)).toHaveLength(1);

    const inspect = new Queue(PIPELINE_QUEUE, { connection: { url: redisUrl }, prefix });
    closers.push(() => inspect.close());
    await inspect.drain(); // what the reaper failing the stranded runs amounts to, for the queue
    await watch.check();
    expect(infos(logs)).toEqual([
      expect.objectContaining({ workers: 0, msg: expect.stringMatching(/no pipeline runs/) }),
    ]);
    expect(watch.warning).toBeNull();

    await dispatcher.dispatch(run());
    await watch.check();
    clock.now = 2 * WARN_AFTER_MS;
    await watch.check();
    expect(warnings(logs)).toHaveLength(2);
    expect(warnings(logs)[1]?.msg).toMatch(/^1 pipeline run waiting/);
  });

  it('started, it checks by itself: a short threshold warns without anyone asking', async () => {
    const { dispatcher } = isolatedQueue();
    await dispatcher.dispatch(run());
    const logs: LogLine[] = [];
    const watch = new NoWorkerWatch({ read: () => dispatcher.health(), warnAfterMs: 200, logger: captureLogger(logs) });
    closers.push(() => watch.stop());
    watch.start();
    await expect.poll(() => warnings(logs).length, { timeout: 10_000 }).toBe(1);
    expect(watch.warning).toContain('npm run worker');
  });

  it('when Redis refuses CLIENT LIST it says once that workers cannot be counted, and never warns', async () => {
    const restricted = await userWithoutClientList(redisUrl);
    try {
      const { dispatcher } = isolatedQueue(restricted.url);
      const { watch, logs, clock } = watchOver(dispatcher);
      await dispatcher.dispatch(run());
      await watch.check();
      clock.now = 2 * WARN_AFTER_MS;
      await watch.check();

      expect(warnings(logs)).toEqual([]);
      expect(infos(logs)).toEqual([expect.objectContaining({ msg: expect.stringMatching(/CLIENT LIST/) })]);
    } finally {
      for (const close of closers.splice(0).reverse()) await close();
      await restricted.remove();
    }
  });

  it('a threshold of 0 turns the watch off', async () => {
    const { dispatcher } = isolatedQueue();
    await dispatcher.dispatch(run());
    let reads = 0;
    const watch = new NoWorkerWatch({
      read: () => (reads++, dispatcher.health()),
      warnAfterMs: 0,
      logger: createLogger('silent'),
    });
    watch.start();
    await watch.stop();
    expect(reads).toBe(0);
  });
});
