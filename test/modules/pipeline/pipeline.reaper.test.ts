// The reaper settles runs nobody executes: silent past the threshold and held by no live process (the dispatcher
// says so), a RUNNING run is failed as "worker lost" or queued again when its job waits for a worker; a QUEUED run
// nobody queued is failed. Anything alive, queued or executing here is left alone. Over the test database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryPubSub, type PipelineRunSnapshot } from '../../../src/infra/pubsub/index.js';
import { createLogger } from '../../../src/logger.js';
import {
  LOST_BEFORE_START,
  PipelineReaper,
  PipelineService,
  workerLost,
  type JobPresence,
  type PipelineRunRecord,
} from '../../../src/modules/pipeline/index.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { TEST_ACTOR } from '../../support/app.js';

const logger = createLogger('silent');
const STALE_AFTER_MS = 60_000;
const LONG_AGO = () => new Date(Date.now() - 10 * 60_000);

describe(`PipelineReaper: runs nobody executes are settled, live ones never (${backendName})`, () => {
  let database: TestDatabase;
  const pubsub = createMemoryPubSub();
  let pipeline: PipelineService;
  const presence = new Map<string, JobPresence>();
  let reaper: PipelineReaper;

  beforeAll(async () => {
    database = await openTestDatabase();
    pipeline = new PipelineService({ prisma: database.db.prisma, pubsub, logger, workerId: 'reaper-test' });
    reaper = new PipelineReaper({
      prisma: database.db.prisma,
      pipeline,
      dispatcher: { presence: async (runId) => presence.get(runId) ?? 'none' },
      staleAfterMs: STALE_AFTER_MS,
      intervalMs: 20,
      logger,
    });
  });
  afterAll(async () => {
    await reaper?.stop();
    await pipeline?.shutdown();
    await database?.close();
  });
  beforeEach(async () => {
    presence.clear();
    await database.db.sql.exec('TRUNCATE pipeline_runs CASCADE');
  });

  /** A run as a process that executed it left it: RUNNING at `attempts`, a stage half done, its last heartbeat. */
  async function running(heartbeatAt: Date, attempts = 1): Promise<PipelineRunRecord> {
    const stages = [
      {
        name: 'users',
        status: 'RUNNING',
        processed: 4,
        total: 10,
        startedAt: heartbeatAt.toISOString(),
        finishedAt: null,
      },
    ];
    const row = await database.db.prisma.pipelineRun.create({
      data: {
        kind: 'IMPORT',
        status: 'RUNNING',
        attempts,
        workerId: 'worker:gone:1',
        startedAt: heartbeatAt,
        heartbeatAt,
        stage: 'users',
        processed: 4,
        total: 10,
        stages,
      },
    });
    return pipeline.get(row.id);
  }

  async function queued(createdAt: Date): Promise<PipelineRunRecord> {
    const row = await database.db.prisma.pipelineRun.create({ data: { kind: 'IMPORT', createdAt } });
    return pipeline.get(row.id);
  }

  function lastEvent(runId: string) {
    const events: PipelineRunSnapshot[] = [];
    const updates = pubsub.subscribe('pipelineRunUpdated', runId);
    void (async () => {
      for await (const event of updates) events.push(event);
    })();
    return { events, stop: () => updates.return?.() };
  }

  it('fails a silent RUNNING run whose job nobody holds as "worker lost", closing its stage, and publishes it', async () => {
    const run = await running(LONG_AGO());
    const published = lastEvent(run.id);

    expect(await reaper.sweep()).toEqual({ failed: 1, requeued: 0, cancelled: 0 });

    const settled = await pipeline.get(run.id);
    expect(settled).toMatchObject({
      status: 'FAILED',
      error: 'worker lost: the process executing the run stopped (retried 0 times)',
      processed: 4,
    });
    expect(settled.finishedAt).toBeInstanceOf(Date);
    expect(settled.stages).toEqual([expect.objectContaining({ name: 'users', status: 'FAILED', processed: 4 })]);
    expect(published.events.at(-1)).toMatchObject({ id: run.id, status: 'FAILED' });
    await published.stop();
  });

  it('counts the retries in the reason from the attempts', async () => {
    const run = await running(LONG_AGO(), 3);
    await reaper.sweep();
    expect((await pipeline.get(run.id)).error).toBe(workerLost(2));
    expect(workerLost(2)).toBe('worker lost: the process executing the run stopped (retried 2 times)');
  });

  it('queues a silent RUNNING run again when its job waits for a worker (a stalled check put it back)', async () => {
    const run = await running(LONG_AGO());
    presence.set(run.id, 'pending');
    expect(await reaper.sweep()).toEqual({ failed: 0, requeued: 1, cancelled: 0 });
    expect(await pipeline.get(run.id)).toMatchObject({ status: 'QUEUED', error: null, finishedAt: null });
    // A worker taking it later starts attempt 2.
    const retried = await pipeline.execute(run.id, async () => ({ ok: true }));
    expect(retried).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('leaves alone a silent run whose job a live worker holds, and a RUNNING run with a recent heartbeat', async () => {
    const held = await running(LONG_AGO());
    presence.set(held.id, 'held');
    const alive = await running(new Date());
    expect(await reaper.sweep()).toEqual({ failed: 0, requeued: 0, cancelled: 0 });
    expect(await pipeline.get(held.id)).toEqual(held);
    expect(await pipeline.get(alive.id)).toEqual(alive);
  });

  it('fails a QUEUED run that nobody holds or queues, and leaves queued and recent ones alone', async () => {
    const orphan = await queued(LONG_AGO());
    const waiting = await queued(LONG_AGO());
    presence.set(waiting.id, 'pending');
    const recent = await queued(new Date());

    expect(await reaper.sweep()).toEqual({ failed: 1, requeued: 0, cancelled: 0 });

    expect(await pipeline.get(orphan.id)).toMatchObject({ status: 'FAILED', error: LOST_BEFORE_START });
    expect((await pipeline.get(waiting.id)).status).toBe('QUEUED');
    expect((await pipeline.get(recent.id)).status).toBe('QUEUED');
  });

  it('never touches a run this process is executing, however long it has been silent', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const run = await pipeline.create('TRAIN', {}, TEST_ACTOR);
    const done = pipeline.execute(run.id, () => gate);
    await expect.poll(async () => (await pipeline.get(run.id)).status).toBe('RUNNING');
    await database.db.prisma.pipelineRun.update({ where: { id: run.id }, data: { heartbeatAt: LONG_AGO() } });

    expect(await reaper.sweep()).toEqual({ failed: 0, requeued: 0, cancelled: 0 });
    release();
    expect(await done).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('leaves a run that wrote a heartbeat after it was seen silent (settleLost is conditional)', async () => {
    const run = await running(new Date());
    const seenSilentBefore = new Date(Date.now() - STALE_AFTER_MS);
    const changed = await pipeline.settleLost(
      run.id,
      { status: 'RUNNING', attempts: 1, silentSince: seenSilentBefore },
      workerLost(0),
    );
    expect(changed).toBe(false);
    expect((await pipeline.get(run.id)).status).toBe('RUNNING');
  });

  it('sweeps on its own once started, until stopped', async () => {
    const run = await running(LONG_AGO());
    reaper.start();
    try {
      await expect.poll(async () => (await pipeline.get(run.id)).status, { timeout: 10_000 }).toBe('FAILED');
    } finally {
      await reaper.stop();
    }
  });

  describe('a run whose cancel was asked for ends CANCELLED, never retried', () => {
    const REASON = 'cancelled by API request r-1: wrong sample';
    const requestCancel = (runId: string) =>
      database.db.prisma.pipelineRun.update({
        where: { id: runId },
        data: { cancelRequestedAt: LONG_AGO(), cancelReason: REASON },
      });

    it('cancels a silent RUNNING run with a cancel request even when its job waits for a worker again', async () => {
      const [lost, stalled] = [await running(LONG_AGO()), await running(LONG_AGO())];
      presence.set(stalled.id, 'pending'); // would be queued again without the request
      await Promise.all([requestCancel(lost.id), requestCancel(stalled.id)]);
      const published = lastEvent(lost.id);

      expect(await reaper.sweep()).toEqual({ failed: 0, requeued: 0, cancelled: 2 });

      for (const run of [lost, stalled]) {
        const settled = await pipeline.get(run.id);
        expect(settled).toMatchObject({ status: 'CANCELLED', error: REASON, attempts: 1 });
        expect(settled.stages).toEqual([expect.objectContaining({ name: 'users', status: 'CANCELLED' })]);
      }
      expect(published.events.at(-1)).toMatchObject({ status: 'CANCELLED', error: REASON });
      await published.stop();
      // A worker that takes the job anyway executes nothing.
      let executed = false;
      await pipeline.execute(stalled.id, async () => void (executed = true));
      expect(executed).toBe(false);
    });

    it('jobFailed and failInterrupted end such a run CANCELLED too', async () => {
      const [failedJob, interrupted] = [await running(new Date(), 2), await running(new Date())];
      await Promise.all([requestCancel(failedJob.id), requestCancel(interrupted.id)]);
      await reaper.jobFailed(failedJob.id, { lost: true, message: 'job stalled more than allowable limit' });
      expect(await pipeline.failInterrupted()).toBe(1);
      for (const run of [failedJob, interrupted])
        expect(await pipeline.get(run.id)).toMatchObject({ status: 'CANCELLED', error: REASON });
    });
  });

  describe('jobFailed: the queue gave up on a job whose run did not record its end', () => {
    it('fails a run whose workers were lost too often as "worker lost"', async () => {
      const run = await running(new Date(), 2);
      await reaper.jobFailed(run.id, { lost: true, message: 'job stalled more than allowable limit' });
      expect(await pipeline.get(run.id)).toMatchObject({ status: 'FAILED', error: workerLost(1) });
    });

    it('fails it with the message when executing it threw', async () => {
      const run = await queued(new Date());
      await reaper.jobFailed(run.id, { lost: false, message: 'Connection terminated unexpectedly' });
      expect((await pipeline.get(run.id)).error).toBe('worker failed: Connection terminated unexpectedly');
    });

    it('leaves a run that ended, and ignores a job whose run does not exist', async () => {
      const run = await pipeline.create('SCORE', {}, TEST_ACTOR);
      const ended = await pipeline.execute(run.id, async () => ({ done: true }));
      await reaper.jobFailed(run.id, { lost: true, message: 'job stalled more than allowable limit' });
      expect(await pipeline.get(run.id)).toEqual(ended);
      await expect(
        reaper.jobFailed('00000000-0000-4000-8000-000000000000', { lost: true, message: 'x' }),
      ).resolves.toBeUndefined();
    });

    it('passes a database failure on to its caller (who logs and counts it) instead of taking it for a missing run', async () => {
      const refusing = new PipelineReaper({
        prisma: database.db.prisma,
        pipeline: {
          get: () => Promise.reject(new Error('Connection terminated unexpectedly')),
          isActive: () => false,
          settleLost: () => Promise.resolve(false),
        },
        dispatcher: { presence: async () => 'none' },
        staleAfterMs: 1_000,
        intervalMs: 0,
        logger,
      });
      await expect(
        refusing.jobFailed('00000000-0000-4000-8000-000000000001', { lost: true, message: 'x' }),
      ).rejects.toThrow('Connection terminated unexpectedly');
    });
  });
});
