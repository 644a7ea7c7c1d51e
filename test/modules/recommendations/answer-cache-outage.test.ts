// Services deployment: with Redis gone (the test's own connection to it cut, not the machine's Redis stopped),
// recommendations and similar repositories still answer, uncached, without an error; the failures are counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testRedisUrl } from '../../support/backends.js';
import { recommend, seedCommunities } from '../../support/recommendation-catalog.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

const QUERY = `query ($login: String!, $repo: String!) {
  user(login: $login) { recommendations(first: 5) { nodes { repository { fullName } reasons } } }
  repository(fullName: $repo) { similar(first: 3) { nodes { fullName } } }
}`;

describe.skipIf(!testRedisUrl)('the answer cache when Redis goes away', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const redis = new URL(testRedisUrl!);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}${redis.pathname}` });
    await seedCommunities(t);
    await recommend(t);
  }, 180_000);
  afterAll(async () => t?.close());

  it('answers the same, uncached, once Redis cannot be reached', async () => {
    const variables = { login: 'dev-3', repo: 'dbworks/dbworks-2' };
    const before = await t.run(QUERY, variables);
    expect(before.errors).toBeUndefined();
    expect(await t.run(QUERY, variables)).toEqual(before); // now from Redis
    const hits = t.app.modules.get('recommendations').answerCache.snapshot().get('recommendations')!.hits;
    expect(hits).toBeGreaterThan(0);

    await proxy.cut();
    const during = await t.run(QUERY, variables);
    expect(during.errors).toBeUndefined();
    expect(during).toEqual(before);
    const counts = t.app.modules.get('recommendations').answerCache.snapshot();
    expect(counts.get('recommendations')!.errors).toBeGreaterThan(0);
    expect(counts.get('similar')!.errors).toBeGreaterThan(0);
    expect(counts.get('recommendations')!.hits).toBe(hits);
  }, 60_000);
});
