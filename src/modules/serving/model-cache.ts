// Loaded model versions, bounded by count and by weight bytes (MODEL_CACHE_MAX_MODELS / _BYTES): the least
// recently used is unloaded, and its tensors freed, to make room. Concurrent requests for a version that is not
// loaded share one load; a load that fails leaves nothing behind.
import { LRUCache } from 'lru-cache';
import { AppError, ErrorCode } from '../../errors.js';

export interface CacheEntry {
  readonly key: number;
  readonly bytes: number;
  /** Set once evicted or unloaded: a caller holding it across an await must load again. */
  disposed: boolean;
  loadedAt: Date;
  lastUsedAt: Date;
  hits: number;
}

export interface ModelCacheLimits {
  maxModels: number;
  maxBytes: number;
}

export class ModelCache<E extends CacheEntry> {
  // lru-cache keeps the recency order and both bounds; its dispose hook frees whatever leaves, however it leaves
  // (evicted for room, deleted, cleared).
  private readonly entries: LRUCache<number, E>;
  private readonly loading = new Map<number, Promise<E>>();

  constructor(
    readonly limits: ModelCacheLimits,
    private readonly release: (entry: E) => void,
  ) {
    this.entries = new LRUCache<number, E>({
      max: limits.maxModels,
      maxSize: limits.maxBytes,
      // lru-cache sizes are positive integers; an empty network still takes a slot.
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      dispose: (entry) => {
        entry.disposed = true;
        release(entry);
      },
    });
  }

  get(key: number): E | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.lastUsedAt = new Date();
    entry.hits += 1;
    return entry;
  }

  async getOrLoad(key: number, load: () => Promise<E>): Promise<E> {
    const cached = this.get(key);
    if (cached) return cached;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load()
        .then((entry) => this.insert(entry))
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  delete(key: number): boolean {
    return this.entries.delete(key);
  }

  list(): E[] {
    return [...this.entries.values()]; // most recently used first
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }

  clear(): void {
    this.entries.clear();
  }

  private insert(entry: E): E {
    if (entry.bytes > this.limits.maxBytes) {
      this.release(entry);
      throw new AppError(
        ErrorCode.INTERNAL,
        `the model's weights take ${entry.bytes} bytes, more than MODEL_CACHE_MAX_BYTES (${this.limits.maxBytes}): raise it to serve this version`,
      );
    }
    this.entries.set(entry.key, entry);
    return entry;
  }
}
