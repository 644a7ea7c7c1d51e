// Picks the database adapter from configuration: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.database.kind === 'postgres') {
    return openPostgres({
      url: config.database.url,
      poolSize: config.DB_POOL_SIZE,
      onError: (error) => logger.warn({ err: error }, 'postgres connection lost; the pool will reconnect'),
    });
  }
  return openPglite(config.database.dataDir);
}
