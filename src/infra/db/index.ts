export type { Database, DatabaseKind, QueryObserver, SqlDriver } from './database.js';
export { openDatabase } from './open-database.js';
export { openPglite } from './pglite.js';
export { openPostgres } from './postgres.js';
export { DEFAULT_MIGRATIONS_DIR, migrate, MigrationError, readMigrationFiles } from './migrations/index.js';
