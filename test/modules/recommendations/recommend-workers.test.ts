// Services deployment: a RECOMMEND run started through an API process executes on a worker, which starts a SCORE
// helper for the other connected worker; both claim the run's batches, every batch is scored exactly once (the
// two processes' counts add up to all of them), and the run publishes every user's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/compose.js';
import { PipelineWorker } from '../../../src/infra/queue/index.js';
import { createLogger } from '../../../src/logger.js';
import { TEST_ACTOR, type TestApp } from '../../support/app.js';
import { openTestDatabase, testDatabaseUrl, testRedisUrl, type TestDatabase } from '../../support/backends.js';
import { composeApiProcess } from '../../support/cluster.js';
import { deleteQueueKeys, testQueuePrefix } from '../../support/queues.js';
import { seedCommunities, USERS } from '../../support/recommendation-catalog.js';
import { waitingUpTo } from '../../support/waiting.js';

const { eventually } = waitingUpTo(90_000);

const BATCH_USERS = 10;

describe.skipIf(!testDatabaseUrl || !testRedisUrl)('a RECOMMEND run shared by two workers', () => {
  const prefix = testQueuePrefix();
  const env = { PIPELINE_EXECUTION: 'queue', QUEUE_PREFIX: prefix, RECOMMEND_BATCH_USERS: String(BATCH_USERS) };
  let database: TestDatabase;
  let api: App;
  const workers: Array<{ app: App; worker: PipelineWorker }> = [];

  async function startWorker(): Promise<void> {
    const app = await composeApiProcess(database, env, 'worker');
    const { pipeline } = app.modules.get('pipeline');
    const worker = new PipelineWorker({
      url: testRedisUrl!,
      prefix,
      name: `${pipeline.workerId}-${workers.length}`,
      concurrency: 1,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      maxStalledCount: 1,
      logger: createLogger('silent'),
      execute: async (runId) => ((await pipeline.executeStored(runId)).status === 'QUEUED' ? 'handed-back' : 'ended'),
      jobFailed: async () => undefined,
    });
    await worker.start();
    workers.push({ app, worker });
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    api = await composeApiProcess(database, env);
    await seedCommunities({ app: api } as TestApp);
    await startWorker();
    await startWorker();
  }, 120_000);
  afterAll(async () => {
    for (const { worker, app } of workers) {
      await worker.close();
      await app.close();
    }
    await api?.close();
    await database?.close();
    await deleteQueueKeys(testRedisUrl!, prefix);
  });

  it('scores every batch once between the run and its helper, and publishes all users', async () => {
    const { pipeline } = api.modules.get('pipeline');
    const run = await api.modules.get('recommendations').runs.start({}, TEST_ACTOR);
    const ended = async (id: string) =>
      eventually(
        async () => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes((await pipeline.get(id)).status),
        `run ${id}`,
      );
    await ended(run.id);
    const done = await pipeline.get(run.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('SUCCEEDED');
    const result = done.result as { batches: number; batchesHere: number; helpers: number; published: number };
    expect(result).toMatchObject({ batches: Math.ceil(USERS / BATCH_USERS), helpers: 1, published: USERS });

    const helpers = await api.db.prisma.pipelineRun.findMany({ where: { kind: 'SCORE' } });
    expect(helpers).toHaveLength(1);
    await ended(helpers[0]!.id);
    const helper = await pipeline.get(helpers[0]!.id);
    expect(helper.status).toBe('SUCCEEDED');
    const helped = (helper.result as { batches: number }).batches;
    expect(result.batchesHere + helped).toBe(result.batches);
  }, 120_000);

  it('a run executed outside the workers (npm run recommend with Redis) asks each connected worker for help', async () => {
    const { pipeline } = api.modules.get('pipeline');
    const runs = api.modules.get('recommendations').runs;
    // As the CLI does: the API-role process records the run and executes it itself.
    const run = await pipeline.create('RECOMMEND', { full: true }, TEST_ACTOR);
    const done = await pipeline.execute(run.id, async (handle) => ({ ...(await runs.run({ full: true }, handle)) }));
    expect(done.error).toBeNull();
    const result = done.result as { batches: number; batchesHere: number; helpers: number };
    expect(result.helpers).toBe(2);
    const helpers = (await api.db.prisma.pipelineRun.findMany({ where: { kind: 'SCORE' } })).filter(
      (helper) => (helper.params as { runId?: string }).runId === run.id,
    );
    expect(helpers).toHaveLength(2);
    let helped = 0;
    for (const helper of helpers) {
      await eventually(
        async () => ['SUCCEEDED', 'FAILED'].includes((await pipeline.get(helper.id)).status),
        `helper ${helper.id}`,
      );
      helped += ((await pipeline.get(helper.id)).result as { batches: number }).batches;
    }
    expect(result.batchesHere + helped).toBe(result.batches);
  }, 120_000);
});
