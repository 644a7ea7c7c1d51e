// PipelineService over a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and a real pubsub: the
// in-memory one always, and also Redis (two ioredis connections) when TEST_REDIS_URL is set.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/errors.js';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { createMemoryPubSub, createRedisPubSub, type AppPubSub } from '../../../src/infra/pubsub/index.js';
import { createRedis } from '../../../src/infra/redis.js';
import { encodeCursor } from '../../../src/lib/keyset/cursor.js';
import { createLogger } from '../../../src/logger.js';
import {
  PipelineRun,
  PipelineService,
  type PipelineKind,
  type PipelineRunRecord,
  type PipelineWork,
} from '../../../src/modules/pipeline/index.js';
import { appError } from '../../support/app-error.js';
import { backendName, openTestDatabase, testRedisUrl, type TestDatabase } from '../../support/backends.js';
import { recordRunEvents } from '../../support/run-events.js';
import { deferred, eventually, within } from '../../support/waiting.js';
import { TEST_ACTOR } from '../../support/app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const logger = createLogger('silent');

interface PubSubBackend {
  name: string;
  open(): Promise<{
    pubsub: AppPubSub;
    /** Resolves once a subscription to this run's updates is live (Redis confirms SUBSCRIBE asynchronously). */
    subscribed(runId: string): Promise<void>;
    close(): Promise<void>;
  }>;
}

const memory: PubSubBackend = {
  name: 'memory',
  open: async () => ({ pubsub: createMemoryPubSub(), subscribed: async () => undefined, close: async () => undefined }),
};

const redis = (url: string): PubSubBackend => ({
  name: 'redis',
  async open() {
    const publisher = createRedis(url, 'test-pipeline-publisher');
    const subscriber = createRedis(url, 'test-pipeline-subscriber');
    await Promise.all([publisher.connect(), subscriber.connect()]); // rejects, failing the suite, when Redis is down
    return {
      pubsub: createRedisPubSub(publisher, subscriber),
      async subscribed(runId) {
        const channel = `ost-graph:pipelineRunUpdated:${runId}`;
        await eventually(async () => {
          const [, count] = (await publisher.pubsub('NUMSUB', channel)) as [string, number];
          return Number(count) >= 1;
        }, `a Redis subscriber on ${channel}`);
      },
      async close() {
        await Promise.all([publisher.quit(), subscriber.quit()]);
      },
    };
  },
});

// ───────────────────────────── helpers ─────────────────────────────

async function collect<T>(iterator: AsyncIterator<T>): Promise<T[]> {
  const values: T[] = [];
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) values.push(next.value);
  return values;
}

/** A Prisma client whose `pipelineRun.update` calls are counted (every progress write goes through it). */
function countingUpdates(prisma: PrismaClient) {
  const counter = { updates: 0 };
  const delegate = new Proxy(prisma.pipelineRun, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key !== 'update' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counter.updates += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const client = new Proxy(prisma, {
    get: (target, key) => (key === 'pipelineRun' ? delegate : Reflect.get(target, key)),
  });
  return { prisma: client, counter };
}

/** Submits a run of `kind` that executes `work` in this process (its handler, registered on `service` only). */
function submitWork(
  service: PipelineService,
  kind: PipelineKind,
  params: Record<string, unknown>,
  work: PipelineWork,
): Promise<PipelineRunRecord> {
  service.registerHandler(kind, (_params, run) => work(run));
  return service.submit(kind, params, TEST_ACTOR);
}

/** Two stages with known counts; the run ends SUCCEEDED with `{ imported: 5 }`. */
const twoStages: PipelineWork = async (run) => {
  await run.stage('fetch', 3);
  run.advance(1);
  run.advance(2);
  await run.stage('store');
  run.setTotal(2);
  run.advance(2);
  return { imported: 5 };
};

// ───────────────────────────── the behaviour, on each pubsub ─────────────────────────────

const backends = [memory, ...(testRedisUrl ? [redis(testRedisUrl)] : [])];

describe.each(backends)(`PipelineService (${backendName} + $name pubsub)`, (backend) => {
  let database: TestDatabase;
  let pubsub: AppPubSub;
  let subscribed: (runId: string) => Promise<void>;
  let closePubSub: () => Promise<void>;
  const services: PipelineService[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    ({ pubsub, subscribed, close: closePubSub } = await backend.open());
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.shutdown()));
    await closePubSub?.();
    await database?.close();
  });

  function newService(options: { prisma?: PrismaClient; pubsub?: AppPubSub; flushIntervalMs?: number } = {}) {
    const service = new PipelineService({
      prisma: options.prisma ?? database.db.prisma,
      pubsub: options.pubsub ?? pubsub,
      logger,
      workerId: 'test-worker',
      ...(options.flushIntervalMs ? { flushIntervalMs: options.flushIntervalMs } : {}),
    });
    services.push(service);
    return service;
  }

  describe('submit and execute: a run is recorded from QUEUED to its end', () => {
    it('submit returns the QUEUED run at once, while its work has not finished', async () => {
      const service = newService();
      const gate = deferred();
      const workStarted = deferred();

      const run = await submitWork(service, 'IMPORT', { sample: 'data/sample' }, async () => {
        workStarted.resolve();
        await gate.promise; // never opened before start returned: start does not wait for the work
        return { ok: true };
      });

      expect(run).toMatchObject({
        kind: 'IMPORT',
        status: 'QUEUED',
        params: { sample: 'data/sample' },
        attempts: 0,
        startedAt: null,
        finishedAt: null,
        result: null,
        error: null,
      });
      expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(run.createdAt).toBeInstanceOf(Date);

      const events = recordRunEvents(pubsub, run.id);
      await subscribed(run.id);
      await within(workStarted.promise, 'the work to start');
      expect((await service.get(run.id)).status).toBe('RUNNING');
      gate.resolve();
      await within(events.ended, 'the run to end');
      expect(await service.get(run.id)).toMatchObject({ status: 'SUCCEEDED', result: { ok: true } });
    });

    it('records RUNNING, then each stage with processed/total, then SUCCEEDED with the result and finishedAt', async () => {
      const service = newService();
      const created = await service.create('EMBED', { batch: 64 }, TEST_ACTOR);
      const events = recordRunEvents(pubsub, created.id);
      await subscribed(created.id);

      const run = await service.execute(created.id, twoStages);

      expect(run).toMatchObject({
        id: created.id,
        status: 'SUCCEEDED',
        stage: 'store',
        processed: 2,
        total: 2,
        result: { imported: 5 },
        error: null,
        attempts: 1,
        workerId: 'test-worker',
        params: { batch: 64 },
      });
      expect(run.startedAt).toBeInstanceOf(Date);
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt!.getTime());
      expect(run.stages).toEqual([
        {
          name: 'fetch',
          status: 'SUCCEEDED',
          processed: 3,
          total: 3,
          startedAt: expect.any(String),
          finishedAt: expect.any(String),
        },
        {
          name: 'store',
          status: 'SUCCEEDED',
          processed: 2,
          total: 2,
          startedAt: expect.any(String),
          finishedAt: expect.any(String),
        },
      ]);
      expect(run.stages[0]!.finishedAt).toBe(run.stages[1]!.startedAt);
      expect(await service.get(created.id)).toEqual(run); // what it returns is what the database holds

      await within(events.ended, 'the SUCCEEDED event');
      // create()'s QUEUED publish is fire-and-forget: through Redis it can reach Redis after the subscription above
      // (another connection), and then it is delivered too. What this test checks starts at RUNNING.
      const seen = events.events.filter((e, i) => !(i === 0 && e.status === 'QUEUED'));
      expect(seen.map((e) => e.status)).toEqual([...seen.slice(0, -1).map(() => 'RUNNING'), 'SUCCEEDED']);
      expect(seen[0]).toMatchObject({ status: 'RUNNING', stage: null, stages: [], attempts: 1 });
      expect(seen.map((e) => e.stage)).toEqual(expect.arrayContaining([null, 'fetch', 'store']));
      expect(seen.find((e) => e.stage === 'fetch')).toMatchObject({
        processed: 0,
        total: 3,
        stages: [{ name: 'fetch', status: 'RUNNING', processed: 0, total: 3, finishedAt: null }],
      });
      expect(seen.at(-1)).toMatchObject({
        status: 'SUCCEEDED',
        result: { imported: 5 },
        finishedAt: run.finishedAt!.toISOString(),
      });
    });

    it('writes progress while a stage runs, throttled, not only when it ends', async () => {
      const service = newService({ flushIntervalMs: 10 });
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const done = service.execute(run.id, async (ctx) => {
        await ctx.stage('rows', 5);
        ctx.advance(2);
        await eventually(async () => (await service.get(run.id)).processed === 2, 'processed = 2 in the database');
        const midway = await service.get(run.id);
        expect(midway.stages).toEqual([
          expect.objectContaining({ name: 'rows', status: 'RUNNING', processed: 2, total: 5 }),
        ]);
        expect(midway.heartbeatAt!.getTime()).toBeGreaterThanOrEqual(midway.startedAt!.getTime());
        ctx.advance(3);
      });
      expect(await done).toMatchObject({ status: 'SUCCEEDED', processed: 5, total: 5 });
    });

    it('records the stages a run declares, and its overall progress counts them (a stage keeps its own)', async () => {
      const service = newService({ flushIntervalMs: 10 });
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const done = service.execute(run.id, async (ctx) => {
        await ctx.plan?.(['users', 'repos', 'contributions', 'topics']);
        await ctx.stage('users', 2);
        ctx.advance(2);
        await ctx.stage('repos', 4);
        ctx.advance(1);
        await eventually(async () => (await service.get(run.id)).processed === 1, 'processed = 1 in the database');
        const midway = new PipelineRun(await service.get(run.id));
        expect(midway.plannedStages).toEqual(['users', 'repos', 'contributions', 'topics']);
        // users done (1) + repos a quarter done (0.25), of four stages.
        expect(midway.progress).toBeCloseTo(1.25 / 4);
        expect(midway.stages.map((stage) => [stage.name, stage.progress])).toEqual([
          ['users', 1],
          ['repos', 0.25],
        ]);
        ctx.advance(3);
      });
      const finished = await done;
      expect(new PipelineRun(finished).progress).toBe(1);
      const failed = await service.create('IMPORT', {}, TEST_ACTOR);
      const stopped = await service.execute(failed.id, async (ctx) => {
        await ctx.plan?.(['a', 'b']);
        await ctx.stage('a', 2);
        ctx.advance(1);
        throw new Error('stop here');
      });
      expect(stopped.status).toBe('FAILED');
      expect(new PipelineRun(stopped).progress).toBeCloseTo(0.25); // half of the first of two stages
    });

    it('batches progress: 10,000 advance() calls in a tight loop cost a handful of writes', async () => {
      const { prisma, counter } = countingUpdates(database.db.prisma);
      const published: string[] = [];
      const countingPubSub: AppPubSub = {
        onResumed: (listener) => pubsub.onResumed(listener),
        publish: (...args: Parameters<AppPubSub['publish']>) => {
          published.push(args[0]);
          pubsub.publish(...args);
        },
        subscribe: pubsub.subscribe,
      };
      const service = newService({ prisma, pubsub: countingPubSub });
      const run = await service.create('EMBED', {}, TEST_ACTOR);
      const before = { updates: counter.updates, published: published.length };

      const finished = await service.execute(run.id, async (ctx) => {
        await ctx.stage('items', 10_000);
        for (let i = 0; i < 10_000; i++) ctx.advance(1);
        return { items: 10_000 };
      });

      expect(finished).toMatchObject({ status: 'SUCCEEDED', processed: 10_000, total: 10_000 });
      expect(finished.stages).toEqual([
        expect.objectContaining({ name: 'items', status: 'SUCCEEDED', processed: 10_000 }),
      ]);
      // RUNNING, the stage opening, the end: each write is one update and one event.
      expect(counter.updates - before.updates).toBeGreaterThanOrEqual(3);
      expect(counter.updates - before.updates).toBeLessThanOrEqual(5);
      expect(published.length - before.published).toBe(counter.updates - before.updates);
    });
  });

  describe('execute: a failing work is recorded as FAILED', () => {
    it('records FAILED with the error message, closes the running stage as FAILED and keeps earlier stages', async () => {
      const service = newService();
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const failed = await service.execute(run.id, async (ctx) => {
        await ctx.stage('fetch', 2);
        ctx.advance(2);
        await ctx.stage('parse');
        ctx.advance(4);
        throw new Error('row 5: unexpected end of JSON');
      });

      expect(failed).toMatchObject({
        status: 'FAILED',
        error: 'row 5: unexpected end of JSON',
        stage: 'parse',
        processed: 4,
        result: null,
      });
      expect(failed.finishedAt).toBeInstanceOf(Date);
      expect(failed.stages.map((s) => [s.name, s.status, s.processed])).toEqual([
        ['fetch', 'SUCCEEDED', 2],
        ['parse', 'FAILED', 4],
      ]);
      expect(failed.stages[1]!.finishedAt).not.toBeNull();
      expect(await service.get(run.id)).toEqual(failed);
    });

    it.each<[string, unknown, string]>([
      ['a plain Error: its message', new Error('boom'), 'boom'],
      [
        'another Error class: its name and message',
        new TypeError('x is not a function'),
        'TypeError: x is not a function',
      ],
      [
        'an AppError: its client-facing message',
        new AppError(ErrorCode.BAD_USER_INPUT, 'sample folder not found'),
        'sample folder not found',
      ],
      ['a thrown string', 'just a string', 'just a string'],
      ['a very long message: cut to 2,000 characters', new Error('x'.repeat(5_000)), `${'x'.repeat(2_000)}…`],
    ])('records the reason of %s', async (_name, thrown, reason) => {
      const service = newService();
      const run = await service.create('TRAIN', {}, TEST_ACTOR);
      const failed = await service.execute(run.id, async () => {
        throw thrown;
      });
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toBe(reason);
    });
  });

  describe('watch: the current state, then every change, until the end', () => {
    it('yields the current state first, then the updates in order, and completes after the terminal status', async () => {
      const service = newService();
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const updates = service.watch(run.id);

      const first = await updates.next();
      expect(first.value).toMatchObject({ id: run.id, status: 'QUEUED' });
      const rest = collect(updates); // asks for the next value at once: the subscription is live from here
      await subscribed(run.id);
      const final = await service.execute(run.id, twoStages);
      const values = await within(rest, 'watch() to complete after SUCCEEDED');

      expect(values.at(-1)).toEqual(final);
      expect(values.map((v) => v.status)).toEqual([...values.slice(0, -1).map(() => 'RUNNING'), 'SUCCEEDED']);
      // Stages and counts never go backwards.
      const position = values.map((v) => [v.stages.length, v.processed] as const);
      position.slice(1).forEach(([stages, processed], i) => {
        const [previousStages, previousProcessed] = position[i]!;
        expect(stages > previousStages || (stages === previousStages && processed >= previousProcessed)).toBe(true);
      });
      expect(values.some((v) => v.stage === 'fetch' && v.total === 3)).toBe(true);
      values.forEach((v) => expect(v.createdAt).toBeInstanceOf(Date)); // dates revived from the JSON snapshot
    });

    it('delivers the changes recorded while its consumer was still busy with the previous value', async () => {
      const service = newService();
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const updates = service.watch(run.id);
      expect((await updates.next()).value).toMatchObject({ status: 'QUEUED' });

      // The consumer is busy (say, writing to a slow websocket) while the whole run happens.
      await service.execute(run.id, twoStages);

      const values = await within(collect(updates), 'the updates recorded after the first value');
      expect(values.at(-1)).toMatchObject({ status: 'SUCCEEDED', result: { imported: 5 } });
    });

    it('yields a run that already ended once, then completes', async () => {
      const service = newService();
      const run = await service.create('SCORE', {}, TEST_ACTOR);
      await service.execute(run.id, twoStages);
      const values = await within(collect(service.watch(run.id)), 'watch() of an ended run to complete');
      expect(values).toHaveLength(1);
      expect(values[0]).toEqual(await service.get(run.id));
    });

    it.each(['not-a-uuid', '', "1'; DROP TABLE pipeline_runs; --", '00000000-0000-4000-8000-00000000000g'])(
      'refuses the malformed id %j with BAD_USER_INPUT, in get and in watch',
      async (id) => {
        const service = newService();
        for (const error of [await appError(() => service.get(id)), await appError(() => service.watch(id).next())]) {
          expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
          expect(error.message).toContain('expected a UUID');
          expect(error.details).toEqual({ argument: 'id' });
        }
      },
    );

    it('answers NOT_FOUND for a well-formed id of no run, in get and in watch', async () => {
      const service = newService();
      for (const error of [
        await appError(() => service.get(UNKNOWN_ID)),
        await appError(() => service.watch(UNKNOWN_ID).next()),
      ]) {
        expect(error.code).toBe(ErrorCode.NOT_FOUND);
        expect(error.message).toContain(UNKNOWN_ID);
      }
    });
  });

  describe('shutdown and interrupted runs', () => {
    it('shutdown aborts a running work that honours its signal; the run ends FAILED as interrupted', async () => {
      const service = newService();
      const looping = deferred();
      const run = await submitWork(service, 'GITHUB_INGEST', {}, async (ctx) => {
        await ctx.stage('pages');
        looping.resolve();
        for (;;) {
          ctx.signal.throwIfAborted();
          ctx.advance(1);
          await sleep(1);
        }
      });
      await within(looping.promise, 'the work to start looping');

      await service.shutdown(); // resolves once the end is recorded

      const ended = await service.get(run.id);
      expect(ended.status).toBe('FAILED');
      expect(ended.error).toMatch(/^interrupted/);
      expect(ended.finishedAt).toBeInstanceOf(Date);
      expect(ended.stages.map((s) => [s.name, s.status])).toEqual([['pages', 'FAILED']]);
    });

    it('a work that honours its signal by returning early is still recorded as interrupted, not SUCCEEDED', async () => {
      const service = newService();
      const looping = deferred();
      const run = await submitWork(service, 'GITHUB_INGEST', {}, async (ctx) => {
        await ctx.stage('pages');
        looping.resolve();
        let pages = 0;
        while (!ctx.signal.aborted) {
          ctx.advance(1);
          pages += 1;
          await sleep(1);
        }
        return { pages }; // stopped at a batch boundary, as ProgressReporter.signal asks
      });
      await within(looping.promise, 'the work to start looping');

      await service.shutdown();

      const ended = await service.get(run.id);
      expect(ended.status).toBe('FAILED');
      expect(ended.error).toMatch(/^interrupted/);
    });

    it('shutdown right after submit still interrupts the run and waits for its end to be recorded', async () => {
      const service = newService();
      const run = await submitWork(service, 'GITHUB_INGEST', {}, (ctx) => {
        return new Promise((_, reject) => {
          if (ctx.signal.aborted) reject(ctx.signal.reason as Error);
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error));
        });
      });

      await service.shutdown();

      const ended = await service.get(run.id);
      try {
        expect(ended.status).toBe('FAILED');
        expect(ended.error).toMatch(/^interrupted/);
      } finally {
        await service.shutdown(); // if the first call missed it, do not leave the run waiting forever
      }
    });

    it('waitFor right after submit resolves only once the run has ended', async () => {
      const service = newService();
      const gate = deferred();
      const run = await submitWork(service, 'IMPORT', {}, async () => {
        await gate.promise;
        return { ok: true };
      });

      const waiting = service.waitFor(run.id);
      gate.resolve();
      await within(waiting, 'waitFor');

      expect((await service.get(run.id)).status).toBe('SUCCEEDED');
    });

    it('failInterrupted marks every QUEUED and RUNNING run FAILED, publishes it, and leaves ended runs alone', async () => {
      const service = newService();
      const queued = await service.create('IMPORT', {}, TEST_ACTOR);
      const running = await service.create('EMBED', {}, TEST_ACTOR);
      await database.db.prisma.pipelineRun.update({
        where: { id: running.id },
        data: { status: 'RUNNING', startedAt: new Date() },
      });
      const succeeded = await service.execute((await service.create('SCORE', {}, TEST_ACTOR)).id, twoStages);
      const failed = await service.execute((await service.create('SCORE', {}, TEST_ACTOR)).id, () =>
        Promise.reject(new Error('earlier failure')),
      );
      const stale = await database.db.prisma.pipelineRun.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } });
      const events = recordRunEvents(pubsub, queued.id);
      await subscribed(queued.id);

      expect(await service.failInterrupted()).toBe(stale);

      for (const id of [queued.id, running.id]) {
        const run = await service.get(id);
        expect(run.status).toBe('FAILED');
        expect(run.error).toBe('interrupted: the process running it stopped');
        expect(run.finishedAt).toBeInstanceOf(Date);
      }
      expect(await service.get(succeeded.id)).toEqual(succeeded);
      expect(await service.get(failed.id)).toEqual(failed);
      expect(await database.db.prisma.pipelineRun.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } })).toBe(0);
      await within(events.ended, 'the FAILED event');
      expect(events.events.at(-1)).toMatchObject({ id: queued.id, status: 'FAILED' });
    });

    it('failInterrupted records the reason it is given', async () => {
      const service = newService();
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      await service.failInterrupted('interrupted: worker lost its lease');
      expect((await service.get(run.id)).error).toBe('interrupted: worker lost its lease');
    });
  });

  describe('list: newest first, in pages with stable cursors', () => {
    it('pages through runs newest first without skipping or repeating any while new runs are inserted', async () => {
      const service = newService();
      // Runs of a kind no other test here creates, at known times; two share a timestamp (the id breaks the tie).
      const base = Date.parse('2026-01-01T00:00:00.000Z');
      const offsets = [0, 60_000, 120_000, 120_000, 180_000, 240_000, 300_000];
      const seeded = [];
      for (const offset of offsets) {
        seeded.push(
          await database.db.prisma.pipelineRun.create({
            data: { kind: 'PUBLISH', createdAt: new Date(base + offset) },
          }),
        );
      }
      const expected = [...seeded]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((run) => run.id);

      const page1 = await service.list({ take: 3, kind: 'PUBLISH' });
      expect(page1.rows.map((run) => run.id)).toEqual(expected.slice(0, 3));

      // New runs arrive between the requests: newer than everything, they belong before page 1, not in page 2.
      const arrived = [
        await service.create('PUBLISH', {}, TEST_ACTOR),
        await service.create('PUBLISH', {}, TEST_ACTOR),
      ];

      const page2 = await service.list({ take: 3, after: page1.cursorOf(page1.rows.at(-1)!), kind: 'PUBLISH' });
      expect(page2.rows.map((run) => run.id)).toEqual(expected.slice(3, 6));
      const page3 = await service.list({ take: 3, after: page2.cursorOf(page2.rows.at(-1)!), kind: 'PUBLISH' });
      expect(page3.rows.map((run) => run.id)).toEqual(expected.slice(6));
      const page4 = await service.list({ take: 3, after: page3.cursorOf(page3.rows.at(-1)!), kind: 'PUBLISH' });
      expect(page4.rows).toEqual([]);

      // A cursor stays valid: asking again from the same cursor gives the same page.
      const again = await service.list({ take: 3, after: page1.cursorOf(page1.rows.at(-1)!), kind: 'PUBLISH' });
      expect(again.rows.map((run) => run.id)).toEqual(expected.slice(3, 6));

      const fresh = await service.list({ take: 2, kind: 'PUBLISH' });
      expect(new Set(fresh.rows.map((run) => run.id))).toEqual(new Set(arrived.map((run) => run.id)));
      expect(await fresh.count()).toBe(seeded.length + arrived.length);
    });

    it('orders all runs by creation time, newest first, when no kind is given', async () => {
      const service = newService();
      await service.create('TRAIN', {}, TEST_ACTOR);
      const page = await service.list({ take: 1_000 });
      const ordered = (a: PipelineRunRecord, b: PipelineRunRecord) =>
        a.createdAt.getTime() > b.createdAt.getTime() ||
        (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id);
      page.rows.slice(1).forEach((run, i) => expect(ordered(page.rows[i]!, run)).toBe(true));
      expect(await page.count()).toBe(page.rows.length);
    });

    it.each([
      ['garbage', 'not a cursor!'],
      ['a cursor of another ordering', encodeCursor('stars_desc', ['2026-01-01T00:00:00.000Z', UNKNOWN_ID])],
      ['a cursor whose time is not a date', encodeCursor('created_desc', ['yesterday', UNKNOWN_ID])],
      ['a cursor whose id is not a UUID', encodeCursor('created_desc', ['2026-01-01T00:00:00.000Z', '42'])],
    ])('refuses %s with BAD_USER_INPUT', async (_name, after) => {
      const error = await appError(() => newService().list({ take: 3, after }));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.message).toMatch(/Invalid cursor in "after"/);
    });
  });
});
