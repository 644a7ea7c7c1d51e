// Starting a run while the queue's Redis is down: the request gets UNAVAILABLE within QUEUE_ADD_TIMEOUT_MS (no
// hanging mutation), and nothing is half-created: the run is recorded FAILED "not queued: …", never left QUEUED
// with no job. Redis is "down" here by pointing the queue at a port nothing listens on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { createMemoryPubSub } from '../../../src/infra/pubsub/index.js';
import { BullMqDispatcher } from '../../../src/infra/queue/index.js';
import { createLogger } from '../../../src/logger.js';
import { PipelineService } from '../../../src/modules/pipeline/index.js';
import { rejection } from '../../support/app-error.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { TEST_ACTOR } from '../../support/app.js';

describe(`Pipeline: submitting while the queue's Redis is down (${backendName})`, () => {
  let database: TestDatabase;
  let dispatcher: BullMqDispatcher;
  const queueErrors: unknown[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    dispatcher = new BullMqDispatcher(
      { url: 'redis://127.0.0.1:1/0', prefix: 'ost-test-down' },
      (error) => queueErrors.push(error),
      300,
    );
  });
  afterAll(async () => {
    await dispatcher.close().catch(() => undefined);
    await database.close();
  });

  it('answers UNAVAILABLE with retryAfter and records the run as not queued', async () => {
    const pipeline = new PipelineService({
      prisma: database.db.prisma,
      pubsub: createMemoryPubSub(),
      logger: createLogger('silent'),
      dispatcher,
    });
    pipeline.registerHandler('IMPORT', async () => ({}));
    const error = await rejection(pipeline.submit('IMPORT', { sample: 'data/sample' }, TEST_ACTOR));
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
    expect(error.message).toMatch(
      /^the pipeline queue \(Redis\) cannot take runs right now: run [0-9a-f-]{36} was not started/,
    );
    expect(error.details).toMatchObject({ retryAfter: 5 });
    const run = await pipeline.get(String(error.details?.['runId']));
    expect(run).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^not queued: /) });
    expect(await database.db.prisma.pipelineRun.count({ where: { status: 'QUEUED' } })).toBe(0);
  });
});
