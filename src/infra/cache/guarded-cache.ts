// Read-through caching for answers that can always be computed again: a cache that is slow or away (Redis down)
// costs at most `timeoutMs` per read and turns into a miss, never into an error, and the answer is computed as if
// there were no cache. Hits, misses and failures are counted per area for /metrics (and its hit ratio).
import type { Cache } from './cache.js';

export interface CacheCounts {
  hits: number;
  misses: number;
  /** Reads or writes that failed or took longer than the timeout (each read also counted as a miss). */
  errors: number;
}

export interface GuardedCacheOptions {
  /** Longest wait for the cache on a read or a write (default 100 ms). */
  timeoutMs?: number;
  /** Told about the first failure of an outage, not every one (the caller logs). */
  onError?: (error: unknown) => void;
}

const DEFAULT_TIMEOUT_MS = 100;

export class GuardedCache {
  private readonly counts = new Map<string, CacheCounts>();
  private failing = false;

  constructor(
    private readonly cache: Cache,
    private readonly options: GuardedCacheOptions = {},
  ) {}

  /** The cached answer of `area`/`key`, else `compute()`'s (then stored for `ttlSeconds`, without waiting). */
  async getOrCompute<T>(area: string, key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> {
    const [cached] = await this.getMany<T>(area, [key]);
    if (cached !== undefined) return cached;
    const value = await compute();
    this.set(area, key, value, ttlSeconds);
    return value;
  }

  /** Each key's cached value (undefined: a miss, or the cache failed), counted per key. */
  async getMany<T>(area: string, keys: readonly string[]): Promise<Array<T | undefined>> {
    const counts = this.countsOf(area);
    const values = await Promise.all(keys.map((key) => this.guard(this.cache.get<T>(`${area}:${key}`), counts)));
    for (const value of values) {
      if (value === undefined) counts.misses += 1;
      else counts.hits += 1;
    }
    return values;
  }

  /** Stores in the background: the caller never waits for the cache, and a failure is only counted. */
  set(area: string, key: string, value: unknown, ttlSeconds: number): void {
    void this.guard(this.cache.set(`${area}:${key}`, value, ttlSeconds), this.countsOf(area));
  }

  /** Counts so far, by area. */
  snapshot(): ReadonlyMap<string, Readonly<CacheCounts>> {
    return this.counts;
  }

  private countsOf(area: string): CacheCounts {
    let counts = this.counts.get(area);
    if (!counts) this.counts.set(area, (counts = { hits: 0, misses: 0, errors: 0 }));
    return counts;
  }

  /** The operation's value, or undefined when it failed or outlasted the timeout. */
  private async guard<T>(operation: Promise<T>, counts: CacheCounts): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cache did not answer within ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`)),
        this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
    });
    try {
      const value = await Promise.race([operation, timeout]);
      this.failing = false;
      return value;
    } catch (error) {
      operation.catch(() => undefined); // a late rejection of the abandoned operation is no one's to handle
      counts.errors += 1;
      if (!this.failing) this.options.onError?.(error);
      this.failing = true;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
