// Applies pending SQL migrations, each in its own transaction, and records them in `_prisma_migrations` with the
// columns and checksums Prisma uses, so the history stays readable by Prisma's own tooling.
// Several processes may start at once against one database: an advisory lock serialises them, and each migration
// is re-checked under the lock so it is applied exactly once.
import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../database.js';
import type { MigrationFile } from './migration-files.js';

const LOCK_KEY = 72_707_369; // arbitrary, constant: "this project's migrations"

const CREATE_HISTORY = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

async function appliedMigrations(sql: SqlDriver): Promise<Map<string, AppliedRow>> {
  const rows = await sql.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function verifyHistory(files: readonly MigrationFile[], applied: Map<string, AppliedRow>): void {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of applied.values()) {
    if (!row.finished_at) {
      throw new MigrationError(
        `migration ${row.migration_name} started but never finished; inspect the database, then delete its row from _prisma_migrations`,
      );
    }
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `migration ${row.migration_name} is applied to this database but missing from prisma/migrations; restore the folder`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ` +
          `${file.checksum.slice(0, 12)}… on disk); restore the original file and put the change in a new migration`,
      );
    }
  }
}

/** The extension a CREATE EXTENSION failed for because the server does not have it installed, if that was why. */
export function missingExtension(message: string): string | null {
  const match =
    /extension "([^"]+)" is not available/.exec(message) ??
    /could not open extension control file "[^"]*\/([^"/]+)\.control"/i.exec(message);
  return match?.[1] ?? null;
}

/** What to do about a missing extension: it is the database server's to install, not this program's. */
export function missingExtensionHelp(extension: string, reason: string): string {
  const fix =
    extension === 'vector'
      ? "OST Graph stores embeddings with pgvector. On this machine's PostgreSQL 15, `bash scripts/ensure-pgvector.sh` " +
        'builds and installs it (Debian/Ubuntu packages: postgresql-<version>-pgvector); docker/compose.yml runs a ' +
        'PostgreSQL that has it (pgvector/pgvector); managed PostgreSQL services list it as "vector"'
      : `install the "${extension}" extension on the database server`;
  return `the PostgreSQL server lacks the "${extension}" extension (${reason}). ${fix}; then start again.`;
}

export async function migrate(sql: SqlDriver, files: readonly MigrationFile[]): Promise<MigrationResult> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(CREATE_HISTORY);
  });
  verifyHistory(files, await appliedMigrations(sql));

  const result: MigrationResult = { applied: [], alreadyApplied: 0 };
  for (const file of files) {
    const appliedNow = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const existing = await tx.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
        [file.name],
      );
      if (existing.length > 0) return false;
      const id = randomUUID();
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [id, file.checksum, file.name],
      );
      try {
        await tx.exec(file.sql);
      } catch (error) {
        const reason = (error as Error).message;
        const extension = missingExtension(reason);
        const why = extension ? missingExtensionHelp(extension, reason) : reason;
        throw new MigrationError(`migration ${file.name} failed and was rolled back: ${why}`, { cause: error });
      }
      await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
        id,
      ]);
      return true;
    });
    if (appliedNow) result.applied.push(file.name);
    else result.alreadyApplied += 1;
  }
  return result;
}
