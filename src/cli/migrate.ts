// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL or ./.data).
import { ConfigError, loadConfig } from '../config.js';
import { DEFAULT_MIGRATIONS_DIR, migrate, openDatabase, readMigrationFiles } from '../infra/db/index.js';
import { createLogger } from '../logger.js';

try {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, logger);
  try {
    const result = await migrate(db.sql, readMigrationFiles(DEFAULT_MIGRATIONS_DIR));
    const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${config.DATA_DIR}`;
    process.stdout.write(
      result.applied.length > 0
        ? `applied ${result.applied.length} migration(s) to the ${where}: ${result.applied.join(', ')}\n`
        : `the ${where} is up to date (${result.alreadyApplied} migration(s) applied)\n`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  const prefix = error instanceof ConfigError ? 'configuration error' : 'migration failed';
  process.stderr.write(`db:migrate: ${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
