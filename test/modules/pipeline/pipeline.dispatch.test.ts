// Runs submitted by kind: the handler registered for the kind executes them, inline here (InProcessDispatcher) or
// wherever a dispatcher sends them, from their params as stored. Also what makes execution safe to repeat: a run
// left RUNNING by a lost attempt starts again from scratch, an attempt that was taken over can no longer write,
// and a run busy without reporting keeps its heartbeat. Over the test database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../../../src/infra/pubsub/index.js';
import { createLogger } from '../../../src/logger.js';
import {
  PipelineService,
  type PipelineDispatcher,
  type PipelineRunRecord,
  type RunHandle,
} from '../../../src/modules/pipeline/index.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { deferred, eventually } from '../../support/waiting.js';
import { TEST_ACTOR } from '../../support/app.js';

const logger = createLogger('silent');

/** A dispatcher that records what it is handed, as a queue would, without executing anything. */
class RecordingDispatcher implements PipelineDispatcher {
  readonly mode = 'queue';
  readonly dispatched: Array<{ id: string; kind: string }> = [];
  failWith: Error | undefined;
  async dispatch(run: { id: string; kind: string }) {
    if (this.failWith) throw this.failWith;
    this.dispatched.push({ id: run.id, kind: run.kind });
  }
  async presence() {
    return 'pending' as const;
  }
  async health() {
    const counts = { workers: 0, waiting: this.dispatched.length, active: 0, delayed: 0, failed: 0 };
    return { mode: 'queue' as const, ...counts, oldestWaitingSeconds: null };
  }
  async close() {}
}

describe(`Pipeline runs by kind: handlers, dispatch and repeated execution (${backendName})`, () => {
  let database: TestDatabase;
  const pubsub = createMemoryPubSub();
  const services: PipelineService[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.shutdown()));
    await database?.close();
  });

  function newService(options: { workerId?: string; dispatcher?: PipelineDispatcher; heartbeatMs?: number } = {}) {
    const service = new PipelineService({
      prisma: database.db.prisma,
      pubsub,
      logger,
      flushIntervalMs: 10,
      workerId: options.workerId ?? 'test-process',
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });
    services.push(service);
    return service;
  }

  describe('inline (the default dispatcher): submit executes the registered handler in this process', () => {
    it('returns the QUEUED run at once, then runs the handler with the params as stored, to SUCCEEDED', async () => {
      const service = newService();
      const seen: unknown[] = [];
      const gate = deferred();
      service.registerHandler('EMBED', async (params, run) => {
        seen.push(params);
        await run.stage('vectors', 2);
        await gate.promise;
        run.advance(2);
        return { vectors: 2 };
      });

      const run = await service.submit('EMBED', { batch: 64, since: new Date('2026-01-01T00:00:00Z') }, TEST_ACTOR);

      expect(run).toMatchObject({ kind: 'EMBED', status: 'QUEUED', attempts: 0 });
      expect(service.dispatcher.mode).toBe('inline');
      expect(await service.dispatcher.presence(run.id)).toBe('held'); // executing in this process from the start
      gate.resolve();
      await service.waitFor(run.id);
      // What the handler got is JSON, as any process reading the run back would get it.
      expect(seen).toEqual([{ batch: 64, since: '2026-01-01T00:00:00.000Z' }]);
      expect(await service.get(run.id)).toMatchObject({
        status: 'SUCCEEDED',
        result: { vectors: 2 },
        attempts: 1,
        workerId: 'test-process',
      });
      expect(await service.dispatcher.presence(run.id)).toBe('none');
    });

    it('records what the handler throws as the run failure', async () => {
      const service = newService();
      service.registerHandler('SCORE', async (params) => {
        throw new Error(`cannot score ${JSON.stringify(params)}`);
      });
      const run = await service.submit('SCORE', { model: 'x' }, TEST_ACTOR);
      await service.waitFor(run.id);
      expect(await service.get(run.id)).toMatchObject({ status: 'FAILED', error: 'cannot score {"model":"x"}' });
    });

    it('refuses a kind with no handler before recording anything', async () => {
      const service = newService();
      const before = await database.db.prisma.pipelineRun.count();
      await expect(service.submit('RECOMMEND', {}, TEST_ACTOR)).rejects.toThrow(
        /no handler is registered .* RECOMMEND/,
      );
      expect(await database.db.prisma.pipelineRun.count()).toBe(before);
    });

    it('uses the latest registration of a kind', async () => {
      const service = newService();
      service.registerHandler('PUBLISH', async () => ({ by: 'first' }));
      service.registerHandler('PUBLISH', async () => ({ by: 'second' }));
      const run = await service.submit('PUBLISH', {}, TEST_ACTOR);
      await service.waitFor(run.id);
      expect((await service.get(run.id)).result).toEqual({ by: 'second' });
    });
  });

  describe('another dispatcher (a queue): submit hands the run over, a worker executes it by id', () => {
    it('hands over the QUEUED run and executes nothing here', async () => {
      const queue = new RecordingDispatcher();
      const service = newService({ dispatcher: queue });
      let calls = 0;
      service.registerHandler('EMBED', async () => void (calls += 1));
      const run = await service.submit('EMBED', { batch: 1 }, TEST_ACTOR);
      expect(queue.dispatched).toEqual([{ id: run.id, kind: 'EMBED' }]);
      // Inline execution registers a run as active before its first await: handed over, it never is here.
      expect(service.isActive(run.id)).toBe(false);
      expect(calls).toBe(0);
      expect((await service.get(run.id)).status).toBe('QUEUED');
    });

    it('executeStored (what a worker does with a job) runs the handler from the stored params, as its process', async () => {
      const api = newService({ dispatcher: new RecordingDispatcher(), workerId: 'api:host:1' });
      const worker = newService({ workerId: 'worker:host:2' });
      const received: unknown[] = [];
      for (const service of [api, worker])
        service.registerHandler('IMPORT', async (params, run) => {
          received.push(params);
          await run.stage('rows', 1);
          run.advance(1);
          return { rows: 1 };
        });
      const run = await api.submit('IMPORT', { sample: 'data/sample' }, TEST_ACTOR);

      const finished = await worker.executeStored(run.id);

      expect(received).toEqual([{ sample: 'data/sample' }]);
      expect(finished).toMatchObject({ status: 'SUCCEEDED', result: { rows: 1 }, workerId: 'worker:host:2' });
    });

    it('a run the dispatcher cannot take is recorded FAILED ("not queued") and submit rejects', async () => {
      const queue = new RecordingDispatcher();
      queue.failWith = new Error('connect ECONNREFUSED 127.0.0.1:6379');
      const service = newService({ dispatcher: queue });
      service.registerHandler('EMBED', async () => undefined);
      await expect(service.submit('EMBED', { marker: 'undispatchable' }, TEST_ACTOR)).rejects.toThrow(/ECONNREFUSED/);
      const runs = await service.list({ take: 50, kind: 'EMBED' });
      const failed = runs.rows.find((row) => (row.params as { marker?: string }).marker === 'undispatchable');
      expect(failed).toMatchObject({ status: 'FAILED', error: 'not queued: connect ECONNREFUSED 127.0.0.1:6379' });
    });
  });

  describe('executing again: retries after a lost attempt, never twice the same outcome', () => {
    it('a run left RUNNING by a lost attempt starts again from scratch: one more attempt, fresh stages', async () => {
      const lost = newService({ workerId: 'lost-worker' });
      const run = await lost.create('IMPORT', {}, TEST_ACTOR);
      const halfway = deferred();
      // The first attempt records progress, then its process "dies": its work never returns.
      void lost.execute(run.id, async (ctx) => {
        await ctx.stage('users', 10);
        ctx.advance(4);
        halfway.resolve();
        // Silent from here on, like a dead process (it only ends when the suite shuts its service down).
        await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('gone'))));
      });
      await halfway.promise;
      await eventually(async () => (await lost.get(run.id)).processed === 4, 'the first attempt to record progress');

      const retry = newService({ workerId: 'second-worker' });
      const started = deferred<PipelineRunRecord>();
      const finished = await retry.execute(run.id, async (ctx) => {
        started.resolve(await retry.get(run.id));
        await ctx.stage('users', 10);
        ctx.advance(10);
        return { users: 10 };
      });

      expect(await started.promise).toMatchObject({
        status: 'RUNNING',
        attempts: 2,
        workerId: 'second-worker',
        stage: null,
        stages: [],
        processed: 0,
        total: null,
      });
      expect(finished).toMatchObject({ status: 'SUCCEEDED', attempts: 2, processed: 10, workerId: 'second-worker' });
      expect(finished.stages).toHaveLength(1);
    });

    it('the superseded attempt can no longer write: its progress and its end are refused, its work is aborted', async () => {
      const first = newService({ workerId: 'first' });
      const second = newService({ workerId: 'second' });
      const run = await first.create('EMBED', {}, TEST_ACTOR);
      const firstStarted = deferred<RunHandle>();
      const release = deferred();
      const firstDone = first.execute(run.id, async (ctx) => {
        await ctx.stage('vectors', 100);
        firstStarted.resolve(ctx);
        await release.promise;
        ctx.advance(100);
        await ctx.stage('late'); // refused: another attempt owns the run now
        return { from: 'first' };
      });
      const firstHandle = await firstStarted.promise;

      const winner = await second.execute(run.id, async (ctx) => {
        await ctx.stage('vectors', 3);
        ctx.advance(3);
        return { from: 'second' };
      });
      release.resolve();
      const firstOutcome = await firstDone;

      expect(winner).toMatchObject({ status: 'SUCCEEDED', attempts: 2, result: { from: 'second' } });
      expect(firstHandle.signal.aborted).toBe(true);
      expect(firstOutcome).toEqual(winner); // it reports the run as it is, and changed nothing
      expect(await first.get(run.id)).toEqual(winner);
    });

    it("a stopping worker's shutdown hands its runs back: QUEUED again, and the next execution is the next attempt", async () => {
      const stopping = newService({ workerId: 'stopping-worker' });
      const run = await stopping.create('IMPORT', {}, TEST_ACTOR);
      const busy = deferred();
      const done = stopping.execute(run.id, async (ctx) => {
        await ctx.stage('users', 10);
        ctx.advance(3);
        busy.resolve();
        await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))));
      });
      await busy.promise;

      await stopping.shutdown('interrupted: the worker stopped; handed back to the queue', 'requeue');

      const handedBack = await done;
      expect(handedBack).toMatchObject({ status: 'QUEUED', attempts: 1, error: null, finishedAt: null });
      expect(handedBack.stages).toEqual([expect.objectContaining({ name: 'users', status: 'FAILED' })]);
      const next = await newService({ workerId: 'next-worker' }).execute(run.id, async () => ({ ok: true }));
      expect(next).toMatchObject({ status: 'SUCCEEDED', attempts: 2, workerId: 'next-worker', stages: [] });
    });

    it('a run that already ended is not executed again', async () => {
      const service = newService();
      const run = await service.create('SCORE', {}, TEST_ACTOR);
      await service.execute(run.id, async () => ({ once: true }));
      let again = false;
      const result = await service.execute(run.id, async () => {
        again = true;
        return { twice: true };
      });
      expect(again).toBe(false);
      expect(result).toMatchObject({ status: 'SUCCEEDED', result: { once: true }, attempts: 1 });
    });
  });

  describe('a dependency away during the work (queue): the run goes back to the queue, up to a limit', () => {
    it('is handed back QUEUED twice (attempts visible), then FAILED with the true cause; any other failure at once', async () => {
      const service = newService({ dispatcher: new RecordingDispatcher() });
      const away = () =>
        Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
          severity: 'FATAL',
        });
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const first = await service.execute(run.id, async () => {
        throw away();
      });
      expect(first).toMatchObject({ status: 'QUEUED', attempts: 1, error: null });
      const second = await service.execute(run.id, async () => {
        throw away();
      });
      expect(second).toMatchObject({ status: 'QUEUED', attempts: 2 });
      const third = await service.execute(run.id, async () => {
        throw away();
      });
      expect(third).toMatchObject({ status: 'FAILED', attempts: 3 });
      expect(third.error).toContain('terminating connection due to administrator command');

      const other = await service.create('IMPORT', {}, TEST_ACTOR);
      const failed = await service.execute(other.id, async () => {
        throw new Error('a bug');
      });
      expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    });

    it('inline (no queue to hand it to): fails at once with the cause', async () => {
      const service = newService();
      const run = await service.create('IMPORT', {}, TEST_ACTOR);
      const ended = await service.execute(run.id, async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', port: 5432 });
      });
      expect(ended).toMatchObject({ status: 'FAILED', attempts: 1 });
    });
  });

  describe('heartbeat: a run that reports nothing for a while still shows its process is alive', () => {
    it('writes heartbeatAt periodically while the handler is silent, and stops once the run ended', async () => {
      const service = newService({ heartbeatMs: 20 });
      const run = await service.create('TRAIN', {}, TEST_ACTOR);
      const release = deferred();
      const done = service.execute(run.id, async (ctx) => {
        await ctx.stage('fit', 1);
        await release.promise; // a long step that reports nothing
        ctx.advance(1);
      });
      await eventually(async () => (await service.get(run.id)).status === 'RUNNING', 'RUNNING');
      const first = (await service.get(run.id)).heartbeatAt!.getTime();
      await eventually(
        async () => (await service.get(run.id)).heartbeatAt!.getTime() > first + 20,
        'a later heartbeat while the handler reports nothing',
      );
      release.resolve();
      const finished = await done;
      // Absence of a beat can only be seen by letting several beats' worth of time pass (this cannot fail
      // spuriously on a slow machine: a beat that should not happen never does).
      await sleep(5 * 20);
      expect((await service.get(run.id)).heartbeatAt).toEqual(finished.heartbeatAt); // no beat after the end
      expect(finished.status).toBe('SUCCEEDED');
    });
  });
});
