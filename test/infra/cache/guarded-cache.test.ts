// The answer cache's guard: a cache that fails or hangs costs at most the timeout and turns into a computed
// answer, never an error; hits, misses and failures are counted per area.
import { describe, expect, it } from 'vitest';
import { GuardedCache, MemoryCache, type Cache } from '../../../src/infra/cache/index.js';

const failing: Cache = {
  get: () => Promise.reject(new Error('connection refused')),
  set: () => Promise.reject(new Error('connection refused')),
  delete: () => Promise.reject(new Error('connection refused')),
};
const hanging: Cache = {
  get: () => new Promise(() => undefined),
  set: () => new Promise(() => undefined),
  delete: () => new Promise(() => undefined),
};

describe('GuardedCache', () => {
  it('answers from the cache once stored, and counts hits and misses per area', async () => {
    const cache = new GuardedCache(new MemoryCache());
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    expect(await cache.getOrCompute('a', 'k', 60, compute)).toEqual({ n: 1 });
    await new Promise((resolve) => setImmediate(resolve)); // the store happens in the background
    expect(await cache.getOrCompute('a', 'k', 60, compute)).toEqual({ n: 1 });
    expect(await cache.getOrCompute('b', 'k', 60, compute)).toEqual({ n: 2 });
    expect(Object.fromEntries(cache.snapshot())).toEqual({
      a: { hits: 1, misses: 1, errors: 0 },
      b: { hits: 0, misses: 1, errors: 0 },
    });
  });

  it('computes the answer when the cache fails, tells once per outage, and counts the failures', async () => {
    const told: unknown[] = [];
    const cache = new GuardedCache(failing, { onError: (error) => told.push(error) });
    for (let i = 0; i < 3; i += 1) expect(await cache.getOrCompute('a', 'k', 60, async () => 'fresh')).toBe('fresh');
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toHaveLength(1);
    expect(cache.snapshot().get('a')).toEqual({ hits: 0, misses: 3, errors: 6 });
  });

  it('gives up on a cache that does not answer after the timeout', async () => {
    const cache = new GuardedCache(hanging, { timeoutMs: 20 });
    expect(await cache.getMany('a', ['x', 'y'])).toEqual([undefined, undefined]);
    expect(cache.snapshot().get('a')).toMatchObject({ misses: 2, errors: 2 });
  });
});
