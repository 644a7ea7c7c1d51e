import { describe, expect, it } from 'vitest';
import { ModelCache, type CacheEntry } from '../../../src/modules/serving/model-cache.js';
import { quantile } from '../../../src/modules/serving/serving-stats.js';

const entry = (key: number, bytes = 10): CacheEntry => ({
  key,
  bytes,
  disposed: false,
  loadedAt: new Date(),
  lastUsedAt: new Date(),
  hits: 0,
});

function cache(maxModels: number, maxBytes: number) {
  const released: number[] = [];
  return { released, cache: new ModelCache<CacheEntry>({ maxModels, maxBytes }, (e) => void released.push(e.key)) };
}

describe('Model cache: bounded LRU of loaded versions', () => {
  it('evicts the least recently used beyond the model count, releasing it', async () => {
    const { cache: c, released } = cache(2, 1_000);
    await c.getOrLoad(1, async () => entry(1));
    await c.getOrLoad(2, async () => entry(2));
    c.get(1); // 2 is now the least recently used
    await c.getOrLoad(3, async () => entry(3));
    expect(c.list().map((e) => e.key)).toEqual([3, 1]);
    expect(released).toEqual([2]);
    expect(c.size).toBe(2);
    expect(c.bytes).toBe(20);
  });

  it('evicts until the weight bytes fit, and refuses one version larger than the whole budget', async () => {
    const { cache: c, released } = cache(10, 100);
    await c.getOrLoad(1, async () => entry(1, 60));
    await c.getOrLoad(2, async () => entry(2, 30));
    await c.getOrLoad(3, async () => entry(3, 50));
    expect(c.list().map((e) => e.key)).toEqual([3, 2]);
    expect(released).toEqual([1]);
    await expect(c.getOrLoad(4, async () => entry(4, 101))).rejects.toThrow(/more than MODEL_CACHE_MAX_BYTES/);
    expect(released).toEqual([1, 4]);
    expect(c.bytes).toBe(80);
  });

  it('shares one load among concurrent requests and keeps nothing when it fails', async () => {
    const { cache: c } = cache(5, 1_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return entry(7);
    };
    const [a, b] = await Promise.all([c.getOrLoad(7, load), c.getOrLoad(7, load)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    await expect(c.getOrLoad(8, async () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(c.list().map((e) => e.key)).toEqual([7]);
    expect(await c.getOrLoad(8, async () => entry(8))).toMatchObject({ key: 8 });
  });

  it('marks unloaded entries disposed, so a holder knows to load again', async () => {
    const { cache: c, released } = cache(5, 1_000);
    const held = await c.getOrLoad(1, async () => entry(1));
    expect(c.delete(1)).toBe(true);
    expect(c.delete(1)).toBe(false);
    expect(held.disposed).toBe(true);
    expect(released).toEqual([1]);
    expect(c.bytes).toBe(0);
  });
});

describe('Serving stats: nearest-rank quantiles', () => {
  it('reads p50/p95 from sorted latencies', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.95)).toBe(95);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile([7], 0.5)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});
