// The cache port: a JSON key-value store with time-to-live. In memory (embedded) or Redis (services).
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}
