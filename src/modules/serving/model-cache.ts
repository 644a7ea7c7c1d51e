// Loaded model versions, bounded by count and by weight bytes (MODEL_CACHE_MAX_MODELS / _BYTES): the least
// recently used is unloaded, and its tensors freed, to make room. Concurrent requests for a version that is not
// loaded share one load; a load that fails leaves nothing behind.
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
  // Map iteration order is insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<number, E>();
  private readonly loading = new Map<number, Promise<E>>();
  private heldBytes = 0;

  constructor(
    readonly limits: ModelCacheLimits,
    private readonly release: (entry: E) => void,
  ) {}

  get(key: number): E | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
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
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.evict(entry);
    return true;
  }

  list(): E[] {
    return [...this.entries.values()].reverse(); // most recently used first
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  clear(): void {
    for (const entry of [...this.entries.values()]) this.evict(entry);
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
    this.heldBytes += entry.bytes;
    for (const oldest of this.entries.values()) {
      if (this.entries.size <= this.limits.maxModels && this.heldBytes <= this.limits.maxBytes) break;
      if (oldest !== entry) this.evict(oldest);
    }
    return entry;
  }

  private evict(entry: E): void {
    this.entries.delete(entry.key);
    this.heldBytes -= entry.bytes;
    entry.disposed = true;
    this.release(entry);
  }
}
