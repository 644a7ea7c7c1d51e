// serverInfo.pipelines and /metrics read the queue through CachedRead: however many ask within the window, Redis
// sees one read. A test clock makes the window exact.
import { describe, expect, it } from 'vitest';
import { CachedRead } from '../../../src/modules/pipeline/index.js';

function countingSource() {
  const source = { reads: 0, fail: false };
  const read = async () => {
    source.reads += 1;
    if (source.fail) throw new Error('Redis is down');
    return source.reads;
  };
  return { source, read };
}

describe('CachedRead: one read shared for a short while', () => {
  it('answers callers within maxAgeMs from one read, and reads again after it', async () => {
    const { source, read } = countingSource();
    let now = 1_000;
    const cached = new CachedRead(read, 1_000, () => now);

    const first = await Promise.all([cached.get(), cached.get(), cached.get()]); // concurrent: one read in flight
    expect(first.map((reading) => reading.value)).toEqual([1, 1, 1]);
    expect(first[0]?.readAt).toEqual(new Date(1_000));
    now = 1_999;
    expect((await cached.get()).value).toBe(1);
    expect(source.reads).toBe(1);

    now = 2_000;
    expect(await cached.get()).toEqual({ value: 2, readAt: new Date(2_000) });
    expect(source.reads).toBe(2);
  });

  it('keeps no failure: the next caller reads again', async () => {
    const { source, read } = countingSource();
    const cached = new CachedRead(read, 60_000, () => 0);
    source.fail = true;
    await expect(cached.get()).rejects.toThrow('Redis is down');
    source.fail = false;
    expect((await cached.get()).value).toBe(2);
  });
});
