// Rate limits per identity, charged by query cost: RateLimit-* headers on every answer, 429 RATE_LIMITED with
// Retry-After once the budget is spent, separate budgets for separate identities, one budget across API processes
// when the counters live in Redis, and a cap on the pipeline runs one user may have queued or running.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../src/access/index.js';
import { RequestRateLimiter } from '../../src/access/rate-limiter.js';
import { type AppError } from '../../src/errors.js';
import { bearer } from '../support/access.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { testRedisUrl } from '../support/backends.js';

describe('rate limits over HTTP', () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await startAppServer({
      RATE_LIMIT: 'on',
      RATE_LIMIT_POINTS_ANONYMOUS: '30',
      RATE_LIMIT_POINTS: '30',
      QUEUE_PREFIX: `rl-${process.pid}-${Date.now()}`,
    });
  });
  afterAll(async () => s?.close());

  it('charges each operation its cost, says so in RateLimit-* headers, then answers 429 with Retry-After', async () => {
    const query = { query: '{ repositories(first: 9) { nodes { name } } }' }; // cost 1 + 9 × 1 = 10
    const first = await s.post(query);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('30');
    expect(first.headers.get('ratelimit-remaining')).toBe('20');
    expect(first.headers.get('ratelimit-policy')).toBe('30;w=60');
    await s.post(query);
    await s.post(query);
    const refused = await s.post(query);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body.errors![0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) },
    });
    expect(refused.body.errors![0]!.message).toMatch(/^Rate limit reached: 30 points per 60 s, charged by query cost/);
  });

  it('keeps a separate budget per signed-in user', async () => {
    const query = { query: '{ repositories(first: 9) { nodes { name } } }' };
    const alice = await bearer('alice-rl', 'VIEWER');
    expect((await s.post(query, alice)).headers.get('ratelimit-remaining')).toBe('20');
    const bob = await bearer('bob-rl', 'VIEWER');
    expect((await s.post(query, bob)).headers.get('ratelimit-remaining')).toBe('20');
  });
});

describe('the run cap per user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PIPELINE_MAX_ACTIVE_RUNS_PER_USER: '2' });
  });
  afterAll(async () => t?.close());

  it('lets a user hold at most the cap of queued or running runs, even when they ask at once', async () => {
    const pipeline = t.app.modules.get('pipeline').pipeline;
    const user = userActor('busy', 'ADMIN');
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5].map(() => pipeline.create('EMBED', {}, user)));
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AppError] : []));
    expect(created).toHaveLength(2);
    expect(refused.map((e) => e.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(refused[0]!.message).toContain('busy already has 2 pipeline run(s) queued or running (at most 2)');
    // Another user is not held back by it; neither is the system.
    await expect(pipeline.create('EMBED', {}, userActor('calm', 'ADMIN'))).resolves.toMatchObject({
      startedBy: 'calm',
    });
  });
});

describe.skipIf(!testRedisUrl)('rate limits across API processes (Redis)', () => {
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const client of clients) await client.quit();
  });

  it('shares one budget between two processes', async () => {
    const prefix = `rl-shared-${process.pid}-${Date.now()}`;
    const limiter = async () => {
      const redis = new Redis(testRedisUrl!, { maxRetriesPerRequest: 1 });
      clients.push(redis);
      await redis.ping(); // ready: until then each process counts in memory (the insurance limiter)
      return new RequestRateLimiter({
        windowSeconds: 60,
        anonymousPoints: 25,
        userPoints: 25,
        redis,
        keyPrefix: prefix,
      });
    };
    const [a, b] = [await limiter(), await limiter()];
    const caller = userActor('shared', 'VIEWER');
    expect((await a.charge(caller, 10))?.remaining).toBe(15);
    expect((await b.charge(caller, 10))?.remaining).toBe(5);
    await expect(a.charge(caller, 10)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
