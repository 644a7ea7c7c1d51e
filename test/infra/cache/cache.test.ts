// The cache port: the in-memory adapter always, and the Redis adapter when TEST_REDIS_URL is set. The same
// contract body runs on both; only how time passes differs (a fake clock in memory, real seconds in Redis).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryCache, RedisCache, type Cache } from '../../../src/infra/cache/index.js';
import { createRedis } from '../../../src/infra/redis.js';
import { testRedisUrl } from '../../support/backends.js';

interface Backend {
  name: string;
  create(): Promise<Cache>;
  /** Lets `ms` pass for the cache's notion of time. */
  elapse(ms: number): Promise<void>;
}

const memory: Backend = {
  name: 'memory',
  create: async () => new MemoryCache(10_000, () => Date.now()),
  async elapse(ms) {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    vi.setSystemTime(Date.now() + ms);
  },
};

let redisClient: Redis | undefined;
// Each run writes under its own prefix: nothing collides with other runs or the application's keys.
const runPrefix = `ost-graph:test-cache:${randomUUID()}:`;

const redis = (url: string): Backend => ({
  name: 'redis',
  async create() {
    if (!redisClient) {
      redisClient = createRedis(url, 'test-cache');
      await redisClient.connect(); // rejects, failing the test, when Redis cannot be reached
    }
    return new RedisCache(redisClient, runPrefix);
  },
  elapse: (ms) => sleep(ms),
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  if (!redisClient) return;
  const keys = await redisClient.keys(`${runPrefix}*`);
  if (keys.length > 0) await redisClient.del(...keys);
  await redisClient.quit();
});

const backends = [memory, ...(testRedisUrl ? [redis(testRedisUrl)] : [])];
const key = (name: string) => `${name}:${randomUUID()}`;

describe.each(backends)('Cache ($name): a JSON key-value store with time-to-live', (backend) => {
  it('answers undefined for a key never set', async () => {
    const cache = await backend.create();
    expect(await cache.get(key('missing'))).toBeUndefined();
  });

  it.each<[string, unknown]>([
    [
      'an object with nesting',
      { repo: 'octo/hello', stars: 42, topics: ['graphql', 'ünïcödé'], owner: { id: 1, bio: null } },
    ],
    ['an array', [1, 'two', 3.5, false, null, { nested: [] }]],
    ['a string', 'plain "quoted" \\ text'],
    ['a number', -12.75],
    ['zero', 0],
    ['false', false],
    ['null', null],
    ['an empty object', {}],
  ])('returns %s as it was set (JSON round trip)', async (_name, value) => {
    const cache = await backend.create();
    const k = key('value');
    await cache.set(k, value, 60);
    expect(await cache.get(k)).toEqual(value);
  });

  it('returns a copy: changing what was set or what was read does not change the cached value', async () => {
    const cache = await backend.create();
    const k = key('copy');
    const value = { list: [1, 2] };
    await cache.set(k, value, 60);
    value.list.push(3);
    const read = await cache.get<{ list: number[] }>(k);
    read!.list.push(4);
    expect(await cache.get(k)).toEqual({ list: [1, 2] });
  });

  it('replaces the value of a key set again', async () => {
    const cache = await backend.create();
    const k = key('replace');
    await cache.set(k, 'first', 60);
    await cache.set(k, 'second', 60);
    expect(await cache.get(k)).toBe('second');
  });

  it('forgets a deleted key, and deleting a missing key is not an error', async () => {
    const cache = await backend.create();
    const [k, other] = [key('delete'), key('kept')];
    await cache.set(k, 1, 60);
    await cache.set(other, 2, 60);
    await cache.delete(k);
    await cache.delete(key('never-set'));
    expect(await cache.get(k)).toBeUndefined();
    expect(await cache.get(other)).toBe(2);
  });

  it('keeps a value until its time-to-live and drops it after', async () => {
    const cache = await backend.create();
    const [short, long] = [key('short'), key('long')];
    await cache.set(short, 'short-lived', 1);
    await cache.set(long, 'long-lived', 600);
    expect(await cache.get(short)).toBe('short-lived');

    await backend.elapse(1_100);

    expect(await cache.get(short)).toBeUndefined();
    expect(await cache.get(long)).toBe('long-lived');
  });

  it('starts the time-to-live again when a key is set again', async () => {
    const cache = await backend.create();
    const k = key('renewed');
    await cache.set(k, 'old', 1);
    await cache.set(k, 'new', 600);
    await backend.elapse(1_100);
    expect(await cache.get(k)).toBe('new');
  });
});

describe('Cache (memory): bounded, least recently used entries go first', () => {
  it('holds at most maxEntries, evicting the least recently set', async () => {
    const cache = new MemoryCache(3);
    for (const k of ['a', 'b', 'c', 'd']) await cache.set(k, k, 60);
    expect(await cache.get('a')).toBeUndefined();
    expect([await cache.get('b'), await cache.get('c'), await cache.get('d')]).toEqual(['b', 'c', 'd']);
  });

  it('counts a read as a use: a recently read entry outlives older unread ones', async () => {
    const cache = new MemoryCache(3);
    for (const k of ['a', 'b', 'c']) await cache.set(k, k, 60);
    await cache.get('a');
    await cache.set('d', 'd', 60);
    expect(await cache.get('b')).toBeUndefined();
    expect([await cache.get('a'), await cache.get('c'), await cache.get('d')]).toEqual(['a', 'c', 'd']);
  });

  it('counts setting an existing key as a use, without growing', async () => {
    const cache = new MemoryCache(2);
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.set('a', 3, 60); // a is now the most recent
    await cache.set('c', 4, 60);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual([3, undefined, 4]);
  });

  it('stays within its bound under many distinct keys', async () => {
    const cache = new MemoryCache(100);
    for (let i = 0; i < 1_000; i++) await cache.set(`k${i}`, i, 60);
    let present = 0;
    for (let i = 0; i < 1_000; i++) if ((await cache.get(`k${i}`)) !== undefined) present += 1;
    expect(present).toBe(100);
    expect(await cache.get('k999')).toBe(999);
  });
});

describe.runIf(testRedisUrl)('Cache (redis): stored in Redis under a prefix, with a Redis expiry', () => {
  it('stores JSON under the prefix with an expiry of the requested seconds', async () => {
    const cache = await redis(testRedisUrl!).create();
    const k = key('raw');
    await cache.set(k, { a: 1 }, 30);
    expect(await redisClient!.get(`${runPrefix}${k}`)).toBe('{"a":1}');
    const ttl = await redisClient!.ttl(`${runPrefix}${k}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('shares values between two caches on separate connections (two processes)', async () => {
    const first = await redis(testRedisUrl!).create();
    const otherClient = createRedis(testRedisUrl!, 'test-cache-other');
    await otherClient.connect();
    try {
      const second = new RedisCache(otherClient, runPrefix);
      const k = key('shared');
      await first.set(k, ['from', 'first'], 60);
      expect(await second.get(k)).toEqual(['from', 'first']);
      await second.delete(k);
      expect(await first.get(k)).toBeUndefined();
    } finally {
      await otherClient.quit();
    }
  });

  it('keeps caches with different prefixes apart', async () => {
    await redis(testRedisUrl!).create();
    const [one, two] = [
      new RedisCache(redisClient!, `${runPrefix}one:`),
      new RedisCache(redisClient!, `${runPrefix}two:`),
    ];
    await one.set('same-key', 1, 60);
    expect(await two.get('same-key')).toBeUndefined();
  });
});
