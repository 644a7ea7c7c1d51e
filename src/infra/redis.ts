// Redis connections (services deployment). Commands fail fast while Redis is down instead of queueing forever,
// so /ready and callers see the outage; ioredis keeps reconnecting in the background.
import { Redis } from 'ioredis';

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: `ost-graph:${name}`,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
