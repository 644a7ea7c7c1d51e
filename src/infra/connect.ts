// Opens the infrastructure one deployment needs, choosing each port's adapter from the configuration: the
// database (PGlite or PostgreSQL; reachable, migrated), and with REDIS_URL the Redis cache and pubsub, else the
// in-memory ones. A failure to reach either ends start-up with one line saying what to check.
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { MemoryCache, RedisCache, type Cache } from './cache/index.js';
import { DEFAULT_MIGRATIONS_DIR, migrate, openDatabase, readMigrationFiles, type Database } from './db/index.js';
import { createMemoryPubSub, createRedisPubSub, type AppPubSub } from './pubsub/index.js';
import { createRedis } from './redis.js';

export interface Infra {
  db: Database;
  cache: Cache;
  pubsub: AppPubSub;
  /** The cache's connection, for the readiness probe; null without Redis. */
  redis: Redis | null;
  /** Closes the Redis connections (the database is closed by whoever owns it). */
  closeRedis(): Promise<void>;
}

export interface ConnectOptions {
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** An already open database (tests); otherwise opened from configuration. */
  db?: Database;
}

export async function connectInfra(config: Config, logger: Logger, options: ConnectOptions = {}): Promise<Infra> {
  const db = options.db ?? (await openDatabase(config, logger));
  await db.ping().catch((error: unknown) => {
    throw new Error(`cannot reach the database (${describeDatabase(config)}): ${errorMessage(error)}`, {
      cause: error,
    });
  });
  if (options.migrate !== false) {
    const result = await migrate(db.sql, readMigrationFiles(DEFAULT_MIGRATIONS_DIR));
    if (result.applied.length > 0) logger.info({ applied: result.applied }, 'database migrated');
  }
  if (!config.redis) {
    return { db, cache: new MemoryCache(), pubsub: createMemoryPubSub(), redis: null, closeRedis: async () => {} };
  }

  // Three connections: a subscribed connection can do nothing else, and publishing must not queue behind the cache.
  const connections = ['cache', 'publish', 'subscribe'].map((name) => createRedis(config.redis!.url, name));
  const [main, publisher, subscriber] = connections as [Redis, Redis, Redis];
  for (const connection of connections) connection.on('error', (error) => logger.warn({ err: error }, 'redis error'));
  await Promise.all(connections.map((connection) => connection.connect())).catch((error: unknown) => {
    throw new Error(`cannot reach Redis: ${errorMessage(error)}; check REDIS_URL, or unset it to run without Redis`, {
      cause: error,
    });
  });
  return {
    db,
    cache: new RedisCache(main, `${config.QUEUE_PREFIX}:cache:`),
    pubsub: createRedisPubSub(publisher, subscriber, {
      // Redis pub/sub ignores the database number: the prefix alone keeps deployments sharing a server apart.
      channelPrefix: `${config.QUEUE_PREFIX}:`,
      onError: (error) => logger.warn({ err: error }, 'redis pubsub error'),
    }),
    redis: main,
    closeRedis: async () => void (await Promise.allSettled(connections.map((connection) => connection.quit()))),
  };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function describeDatabase(config: Config): string {
  if (config.database.kind === 'pglite') return `embedded, in ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}; check DATABASE_URL`;
}
