export type { Database, DatabaseKind, QueryObserver, SqlDriver } from './database.js';
export { openDatabase } from './open-database.js';
export { openPglite } from './pglite.js';
export { openPostgres } from './postgres.js';
export {
  DEFAULT_MIGRATIONS_DIR,
  migrate,
  MigrationError,
  missingExtension,
  missingExtensionHelp,
  readMigrationFiles,
} from './migrations/index.js';
export { DataDirInUseError, LOCK_FILE } from './data-dir-lock.js';
