export { DEFAULT_MIGRATIONS_DIR, readMigrationFiles, type MigrationFile } from './migration-files.js';
export { migrate, MigrationError, missingExtension, missingExtensionHelp, type MigrationResult } from './migrate.js';
