// Cancelling runs, over a real database and a real pubsub (in memory; also Redis with TEST_REDIS_URL). The
// service cancelling (an API process) and the one executing (a worker) are separate PipelineService instances
// sharing the database, as two processes would. A QUEUED run ends CANCELLED at once and is never executed; a
// RUNNING run is told through the pubsub or, when that message is lost, finds the request at its next heartbeat.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { createMemoryPubSub, createRedisPubSub, type AppPubSub } from '../../../src/infra/pubsub/index.js';
import { createRedis } from '../../../src/infra/redis.js';
import { createLogger } from '../../../src/logger.js';
import {
  PipelineService,
  type PipelineDispatcher,
  type PipelineRunRecord,
  type RunHandle,
} from '../../../src/modules/pipeline/index.js';
import { appError } from '../../support/app-error.js';
import { backendName, openTestDatabase, testRedisUrl, type TestDatabase } from '../../support/backends.js';
import { recordRunEvents } from '../../support/run-events.js';
import { deferred, waitingUpTo } from '../../support/waiting.js';
import { TEST_ACTOR } from '../../support/app.js';

const logger = createLogger('silent');
const { eventually, within } = waitingUpTo(15_000);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface PubSubBackend {
  name: string;
  open(): Promise<{ pubsub: AppPubSub; close(): Promise<void> }>;
}

const redis = (url: string): PubSubBackend => ({
  name: 'redis',
  async open() {
    const [publisher, subscriber] = [createRedis(url, 'cancel-pub'), createRedis(url, 'cancel-sub')];
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return {
      pubsub: createRedisPubSub(publisher, subscriber),
      close: async () => void (await Promise.all([publisher.quit(), subscriber.quit()])),
    };
  },
});

const backends: PubSubBackend[] = [
  { name: 'memory', open: async () => ({ pubsub: createMemoryPubSub(), close: async () => undefined }) },
  ...(testRedisUrl ? [redis(testRedisUrl)] : []),
];

/** A queue that records what it is handed and what is withdrawn, executing nothing (a worker does, by id). */
class RecordingQueue implements PipelineDispatcher {
  readonly mode = 'queue';
  readonly withdrawn: string[] = [];
  async dispatch() {}
  async presence() {
    return 'pending' as const;
  }
  async health() {
    const none = { workers: null, waiting: null, delayed: null, failed: null, oldestWaitingSeconds: null };
    return { mode: 'queue' as const, active: 0, ...none };
  }
  async withdraw(runId: string) {
    this.withdrawn.push(runId);
    return true;
  }
  async close() {}
}

/** Work that honours its signal: one item every few milliseconds until aborted, in a stage named "loop". */
async function loopUntilAborted(run: RunHandle, started: () => void): Promise<void> {
  await run.stage('loop', null);
  started();
  while (!run.signal.aborted) {
    run.advance(1);
    await sleep(5);
  }
  run.signal.throwIfAborted();
}

describe.each(backends)(`Cancelling pipeline runs (${backendName} + $name pubsub)`, (backend) => {
  let database: TestDatabase;
  let pubsub: AppPubSub;
  let closePubSub: () => Promise<void>;
  const services: PipelineService[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    ({ pubsub, close: closePubSub } = await backend.open());
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.shutdown()));
    await closePubSub?.();
    await database?.close();
  });

  function newService(
    options: { pubsub?: AppPubSub; dispatcher?: PipelineDispatcher; heartbeatMs?: number; workerId?: string } = {},
  ) {
    const service = new PipelineService({
      prisma: database.db.prisma,
      pubsub: options.pubsub ?? pubsub,
      logger,
      flushIntervalMs: 10,
      workerId: options.workerId ?? 'worker:test:1',
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });
    services.push(service);
    return service;
  }

  /** Redis confirms SUBSCRIBE asynchronously: wait until `channel` has a subscriber before publishing on it. */
  async function subscribedTo(channel: string): Promise<void> {
    if (backend.name !== 'redis') return;
    const probe = createRedis(testRedisUrl!, 'cancel-probe');
    await probe.connect();
    try {
      await eventually(async () => {
        const [, count] = (await probe.pubsub('NUMSUB', `ost-graph:${channel}`)) as [string, number];
        return Number(count) >= 1;
      }, `a subscriber on ${channel}`);
    } finally {
      await probe.quit();
    }
  }

  it('a QUEUED run is CANCELLED at once, published, its job withdrawn, and never executed by a worker', async () => {
    const queue = new RecordingQueue();
    const api = newService({ dispatcher: queue, workerId: 'api:test:1' });
    const worker = newService();
    let executed = false;
    for (const service of [api, worker]) service.registerHandler('EMBED', async () => void (executed = true));
    const run = await api.submit('EMBED', { batch: 1 }, TEST_ACTOR);
    const published = recordRunEvents(pubsub, run.id);
    await subscribedTo(`pipelineRunUpdated:${run.id}`);

    const cancelled = await api.cancel(run.id, {
      actor: TEST_ACTOR,
      by: 'API request r-1',
      reason: '  wrong batch size  ',
    });

    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      error: 'cancelled by API request r-1: wrong batch size',
      cancelReason: 'cancelled by API request r-1: wrong batch size',
      attempts: 0,
    });
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    expect(cancelled.cancelRequestedAt).toEqual(cancelled.finishedAt);
    expect(queue.withdrawn).toEqual([run.id]);
    await published.ended;
    expect(published.events.at(-1)).toMatchObject({ status: 'CANCELLED', error: cancelled.error });
    // The job was taken by a worker anyway (withdrawing raced with it): begin finds the run ended.
    expect(await worker.executeStored(run.id)).toEqual(cancelled);
    expect(executed).toBe(false);
  });

  it('a RUNNING run executed by another process ends CANCELLED with the reason, its stage CANCELLED', async () => {
    const api = newService({ workerId: 'api:test:1' });
    const worker = newService();
    const looping = deferred();
    worker.registerHandler('SCORE', (_params, run) => loopUntilAborted(run, looping.resolve));
    const created = await api.create('SCORE', {}, TEST_ACTOR);
    const execution = worker.executeStored(created.id);
    await looping.promise;
    const published = recordRunEvents(pubsub, created.id);
    await subscribedTo(`pipelineRunCancelRequested:${created.id}`);
    await subscribedTo(`pipelineRunUpdated:${created.id}`);

    const requested = await api.cancel(created.id, {
      actor: TEST_ACTOR,
      by: 'API request r-2',
      reason: 'taking too long',
    });

    expect(requested).toMatchObject({ status: 'RUNNING', error: null });
    expect(requested.cancelRequestedAt).toBeInstanceOf(Date);
    const ended = await within(execution, 'the cancelled run to end');
    expect(ended).toMatchObject({
      status: 'CANCELLED',
      error: 'cancelled by API request r-2: taking too long',
      workerId: 'worker:test:1',
      result: null,
    });
    expect(ended.stages).toEqual([expect.objectContaining({ name: 'loop', status: 'CANCELLED' })]);
    expect(ended.stages[0]!.processed).toBeGreaterThan(0);
    await published.ended;
    expect(published.events.some((event) => event.status === 'RUNNING' && event.cancelRequestedAt)).toBe(true);
    expect(published.events.at(-1)).toMatchObject({ status: 'CANCELLED', error: ended.error });
  });

  it('an ended run answers CONFLICT naming its status; a second cancel of a RUNNING run keeps the first', async () => {
    const service = newService();
    const run = await service.create('PUBLISH', {}, TEST_ACTOR);
    await service.execute(run.id, async () => ({ ok: true }));
    const ended = await appError(() => service.cancel(run.id, { actor: TEST_ACTOR, by: 'API request r-3' }));
    expect(ended.code).toBe(ErrorCode.CONFLICT);
    expect(ended.message).toContain('has already ended (SUCCEEDED)');
    expect(ended.details).toMatchObject({ status: 'SUCCEEDED' });

    // An executor no message reaches, busy until the gate opens: the run stays RUNNING with its request meanwhile.
    const deaf = newService({ pubsub: createMemoryPubSub() });
    const gate = deferred();
    const running = await service.create('PUBLISH', {}, TEST_ACTOR);
    const execution = deaf.execute(running.id, async (handle) => {
      await handle.stage('busy', null);
      await gate.promise;
    });
    await eventually(async () => (await service.get(running.id)).stage === 'busy', 'the run to start');
    const first = await service.cancel(running.id, { actor: TEST_ACTOR, by: 'API request r-4', reason: 'first' });
    const again = await service.cancel(running.id, { actor: TEST_ACTOR, by: 'API request r-5', reason: 'second' });
    expect(again).toMatchObject({ status: 'RUNNING', cancelReason: 'cancelled by API request r-4: first' });
    expect(again.cancelRequestedAt).toEqual(first.cancelRequestedAt);
    gate.resolve();
    expect(await within(execution, 'the cancelled run to end')).toMatchObject({
      status: 'CANCELLED',
      error: 'cancelled by API request r-4: first',
    });
    const twice = await appError(() => service.cancel(running.id, { actor: TEST_ACTOR, by: 'API request r-6' }));
    expect(twice).toMatchObject({ code: ErrorCode.CONFLICT, details: { status: 'CANCELLED' } });
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed id or a blank or overlong reason', async () => {
    const service = newService();
    expect((await appError(() => service.cancel(UNKNOWN_ID, { actor: TEST_ACTOR, by: 'x' }))).code).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect((await appError(() => service.cancel('run-1', { actor: TEST_ACTOR, by: 'x' }))).code).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
    const run = await service.create('RECOMMEND', {}, TEST_ACTOR);
    for (const reason of ['   ', 'x'.repeat(501)]) {
      const error = await appError(() => service.cancel(run.id, { actor: TEST_ACTOR, by: 'x', reason }));
      expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { argument: 'reason' } });
    }
    expect((await service.get(run.id)).status).toBe('QUEUED'); // refused before anything was written
  });

  it('safety net: a cancel request written to the database, with no message, stops the run at its next heartbeat', async () => {
    // Its own in-memory pubsub: nothing published elsewhere can reach this executor (a lost message).
    const isolated = newService({ pubsub: createMemoryPubSub(), heartbeatMs: 50 });
    const started = deferred();
    const run = await isolated.create('SCORE', {}, TEST_ACTOR);
    const execution = isolated.execute(run.id, async (handle) => {
      await handle.stage('silent', null);
      started.resolve();
      // Reports nothing: only the heartbeat writes, and reads the request back.
      while (!handle.signal.aborted) await sleep(5);
      handle.signal.throwIfAborted();
    });
    await started.promise;
    await database.db.prisma.pipelineRun.update({
      where: { id: run.id },
      data: { cancelRequestedAt: new Date(), cancelReason: 'cancelled by an operator: maintenance' },
    });

    expect(await within(execution, 'the cancelled run to end')).toMatchObject({
      status: 'CANCELLED',
      error: 'cancelled by an operator: maintenance',
    });
  });

  it('work that ignores the signal and finishes after the cancel was recorded is recorded CANCELLED, not SUCCEEDED', async () => {
    const api = newService({ workerId: 'api:test:1' });
    // No message reaches it and no heartbeat falls due: only the final write can notice the cancel.
    const deaf = newService({ pubsub: createMemoryPubSub() });
    const gate = deferred();
    const started = deferred();
    const run = await api.create('SCORE', {}, TEST_ACTOR);
    const execution = deaf.execute(run.id, async (handle) => {
      await handle.stage('stubborn', 1);
      started.resolve();
      await gate.promise;
      handle.advance(1);
      return { done: true };
    });
    await started.promise;
    expect(await api.cancel(run.id, { actor: TEST_ACTOR, by: 'API request r-7' })).toMatchObject({ status: 'RUNNING' });
    gate.resolve();

    const ended = await within(execution, 'the cancelled run to end');
    expect(ended).toMatchObject({ status: 'CANCELLED', error: 'cancelled by API request r-7', result: null });
    expect(ended.stages).toEqual([expect.objectContaining({ name: 'stubborn', status: 'CANCELLED' })]);
  });

  it('a run retried after its process was lost, with a cancel asked for meanwhile, ends CANCELLED unexecuted', async () => {
    const service = newService();
    const row = await database.db.prisma.pipelineRun.create({
      data: {
        kind: 'IMPORT',
        status: 'RUNNING',
        attempts: 1,
        startedAt: new Date(),
        cancelRequestedAt: new Date(),
        cancelReason: 'cancelled by API request r-8',
      },
    });
    let executed = false;
    const ended: PipelineRunRecord = await service.execute(row.id, async () => void (executed = true));
    expect(executed).toBe(false);
    expect(ended).toMatchObject({ status: 'CANCELLED', attempts: 2, error: 'cancelled by API request r-8' });
  });

  it('a worker stopping with requeue does not hand back a run it was cancelling: it ends CANCELLED', async () => {
    const worker = newService();
    const run = await worker.create('EMBED', {}, TEST_ACTOR);
    const winding = deferred();
    let signal: AbortSignal | undefined;
    const execution = worker.execute(run.id, async (handle) => {
      signal = handle.signal;
      await handle.stage('slow', null);
      await new Promise((resolve) => handle.signal.addEventListener('abort', resolve, { once: true }));
      await winding.promise; // still winding down when the stop comes
      handle.signal.throwIfAborted();
    });
    await eventually(async () => (await worker.get(run.id)).stage === 'slow', 'the run to start');
    await subscribedTo(`pipelineRunCancelRequested:${run.id}`);
    await worker.cancel(run.id, { actor: TEST_ACTOR, by: 'API request r-9' });
    await eventually(() => signal?.aborted === true, 'the cancel to reach the run');
    const stopping = worker.shutdown('interrupted: the worker stopped', 'requeue');
    winding.resolve();
    await stopping;
    expect(await within(execution, 'the cancelled run to end')).toMatchObject({
      status: 'CANCELLED',
      error: 'cancelled by API request r-9',
    });
  });
});
