// Reads prisma/migrations/<timestamp>_<name>/migration.sql in name order, as Prisma lays them out.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Relative to the working directory: the repository root, or /app in the container. */
export const DEFAULT_MIGRATIONS_DIR = 'prisma/migrations';

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  /** sha256 of the file's bytes, hex: the same checksum Prisma records. */
  readonly checksum: string;
}

export function readMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`migrations directory not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}
