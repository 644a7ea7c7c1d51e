// A dashboard following a run over a subscription must not keep a stale stage after a Redis outage: what was
// published while the subscriber connection was away is lost, so once it is back the run is read again and the
// current state is sent. The outage here is the subscriber's connection killed by Redis (CLIENT KILL).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPubSub } from '../../../src/infra/pubsub/index.js';
import { createRedis } from '../../../src/infra/redis.js';
import { createLogger } from '../../../src/logger.js';
import { PipelineService } from '../../../src/modules/pipeline/index.js';
import { openTestDatabase, testRedisUrl, type TestDatabase } from '../../support/backends.js';
import { within } from '../../support/waiting.js';
import { TEST_ACTOR } from '../../support/app.js';

describe.runIf(testRedisUrl)('Pipeline: a subscription after the pubsub reconnects (Redis)', () => {
  let database: TestDatabase;
  let publisher: Redis;
  let subscriber: Redis;
  let admin: Redis;

  beforeAll(async () => {
    database = await openTestDatabase();
    publisher = createRedis(testRedisUrl!, 'test-publish');
    subscriber = createRedis(testRedisUrl!, 'test-subscribe');
    for (const connection of [publisher, subscriber]) connection.on('error', () => undefined);
    await Promise.all([publisher.connect(), subscriber.connect()]);
    admin = new Redis(testRedisUrl!);
  });
  afterAll(async () => {
    await Promise.all([publisher, subscriber, admin].map((connection) => connection.quit().catch(() => undefined)));
    await database.close();
  });

  it('re-reads the run and sends its current state once the subscriber is back', async () => {
    const pipeline = new PipelineService({
      prisma: database.db.prisma,
      pubsub: createRedisPubSub(publisher, subscriber),
      logger: createLogger('silent'),
    });
    const created = await pipeline.create('IMPORT', {}, TEST_ACTOR);
    await database.db.prisma.pipelineRun.update({
      where: { id: created.id },
      data: { status: 'RUNNING', stage: 'first', heartbeatAt: new Date() },
    });
    const stream = pipeline.watch(created.id);
    expect((await stream.next()).value).toMatchObject({ stage: 'first' });
    const next = stream.next();

    // A change recorded while nobody could hear it: no publish reaches the subscriber.
    await database.db.prisma.pipelineRun.update({
      where: { id: created.id },
      data: { stage: 'second', heartbeatAt: new Date(Date.now() + 1_000) },
    });
    const id = await subscriber.client('ID');
    await admin.client('KILL', 'ID', String(id));

    expect((await within(next, 'the state re-read after the reconnect', 20_000)).value).toMatchObject({
      stage: 'second',
    });
    await stream.return(undefined);
  });
});
