import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

/** A bounded in-process cache (lru-cache): least recently used entries go first, expired entries are never read. */
export class MemoryCache implements Cache {
  // Values are stored serialised so callers never share (and mutate) one object, as with Redis.
  private readonly entries: LRUCache<string, string>;

  /** `now`: the clock expiry is measured by (tests move it); default: lru-cache's monotonic clock. */
  constructor(maxEntries = 10_000, now?: () => number) {
    this.entries = new LRUCache<string, string>({
      max: maxEntries,
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const value = this.entries.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (!(ttlSeconds > 0)) {
      this.entries.delete(key); // expires at once, as in Redis
      return;
    }
    this.entries.set(key, JSON.stringify(value), { ttl: ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
