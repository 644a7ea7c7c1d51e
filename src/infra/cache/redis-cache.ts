import type { Redis } from 'ioredis';
import type { Cache } from './cache.js';

export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ost-graph:cache:',
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const ms = Math.round(ttlSeconds * 1000);
    if (!(ms > 0)) return void (await this.redis.del(this.prefix + key)); // expires at once, as in memory
    await this.redis.set(this.prefix + key, JSON.stringify(value), 'PX', ms);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
