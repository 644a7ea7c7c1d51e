// The migration runner on the configured backend (PGlite by default, PostgreSQL with TEST_DATABASE_URL), each case
// on a fresh, unmigrated database and a temporary migrations folder of small SQL files written here.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  migrate,
  MigrationError,
  missingExtension,
  missingExtensionHelp,
  openPostgres,
  readMigrationFiles,
  type Database,
  type SqlDriver,
} from '../../../src/infra/db/index.js';
import {
  backendName,
  MIGRATIONS_DIR,
  openTestDatabase,
  testDatabaseUrl,
  type TestDatabase,
} from '../../support/backends.js';

interface HistoryRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// PostgreSQL: a new scratch database per case. PGlite: booting one costs seconds, so the cases share one instance
// whose public schema (every table, type, extension and the history itself) is dropped before each case.
let sharedPglite: TestDatabase | undefined;
afterAll(async () => {
  await sharedPglite?.close();
});

async function freshDatabase(): Promise<TestDatabase> {
  if (testDatabaseUrl) {
    const test = await openTestDatabase({ migrate: false });
    cleanups.push(() => test.close());
    return test;
  }
  sharedPglite ??= await openTestDatabase({ migrate: false });
  await sharedPglite.db.sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  return sharedPglite;
}

/** A temporary prisma/migrations-like folder; `write` adds or replaces <name>/migration.sql. */
function migrationsFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'ost-migrations-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name: string, sql: string) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'migration.sql'), sql);
    },
    remove(name: string) {
      rmSync(join(dir, name), { recursive: true });
    },
    checksumOf(name: string) {
      return createHash('sha256')
        .update(readFileSync(join(dir, name, 'migration.sql')))
        .digest('hex');
    },
    files: () => readMigrationFiles(dir),
  };
}

const history = (sql: SqlDriver) =>
  sql.query<HistoryRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

const tableExists = async (sql: SqlDriver, table: string) =>
  (await sql.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [table]))[0]?.t != null;

const columnsOf = async (sql: SqlDriver, table: string) =>
  (
    await sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
  ).map((row) => row.column_name);

/** Runs `run` and returns the MigrationError it rejects with (fails the test on anything else). */
async function migrationError(run: Promise<unknown>): Promise<MigrationError> {
  const error = await run.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

// Three steps that only work in name order: 002 alters the table 001 creates, 003 fills the column 002 adds.
function writeThreeSteps(folder: ReturnType<typeof migrationsFolder>) {
  // Written out of order on purpose: the runner must sort by name, not trust the directory listing.
  folder.write('20260103000000_fill_widgets', `INSERT INTO "widgets" ("name", "colour") VALUES ('first', 'red');\n`);
  folder.write(
    '20260101000000_create_widgets',
    `CREATE TABLE "widgets" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);\n`,
  );
  folder.write(
    '20260102000000_add_colour',
    `ALTER TABLE "widgets" ADD COLUMN "colour" TEXT;\nCREATE INDEX "widgets_colour_idx" ON "widgets"("colour");\n`,
  );
}
const THREE_STEPS = ['20260101000000_create_widgets', '20260102000000_add_colour', '20260103000000_fill_widgets'];

describe(`Migrations (${backendName}): applies pending SQL files once, in name order`, () => {
  it('applies every file in name order and records each as Prisma does', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    writeThreeSteps(folder);
    writeFileSync(join(folder.dir, 'migration_lock.toml'), 'provider = "postgresql"\n'); // not a migration
    mkdirSync(join(folder.dir, 'notes')); // a folder without migration.sql is not a migration either

    const result = await migrate(db.sql, folder.files());

    expect(result).toEqual({ applied: THREE_STEPS, alreadyApplied: 0 });
    expect(await columnsOf(db.sql, 'widgets')).toEqual(['id', 'name', 'colour']);
    expect(await db.sql.query(`SELECT name, colour FROM widgets`)).toEqual([{ name: 'first', colour: 'red' }]);

    const rows = await history(db.sql);
    expect(rows.map((row) => row.migration_name)).toEqual(THREE_STEPS);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(folder.checksumOf(row.migration_name));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
    }
  });

  it('records the history table with the columns and types of Prisma', async () => {
    const { db } = await freshDatabase();
    await migrate(db.sql, []);
    const columns = await db.sql.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
    ]);
  });

  it('does nothing when run again: no statement re-run, no history row added or changed', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    writeThreeSteps(folder);
    await migrate(db.sql, folder.files());
    const before = await history(db.sql);

    // Re-running 003 would insert a second widget; re-running 001 would fail outright.
    expect(await migrate(db.sql, folder.files())).toEqual({ applied: [], alreadyApplied: 3 });
    expect(await history(db.sql)).toEqual(before);
    expect(await db.sql.query(`SELECT count(*)::int AS n FROM widgets`)).toEqual([{ n: 1 }]);
  });

  it('applies only the files added since the last run', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    writeThreeSteps(folder);
    await migrate(db.sql, folder.files());
    folder.write('20260104000000_add_size', `ALTER TABLE "widgets" ADD COLUMN "size" INTEGER NOT NULL DEFAULT 1;\n`);

    expect(await migrate(db.sql, folder.files())).toEqual({ applied: ['20260104000000_add_size'], alreadyApplied: 3 });
    expect((await history(db.sql)).map((row) => row.migration_name)).toEqual([
      ...THREE_STEPS,
      '20260104000000_add_size',
    ]);
    expect(await columnsOf(db.sql, 'widgets')).toEqual(['id', 'name', 'colour', 'size']);
  });
});

describe(`Migrations (${backendName}): refuses a history that does not match the files`, () => {
  it('refuses a file changed after it was applied, names it, says what to do, and changes nothing', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    writeThreeSteps(folder);
    await migrate(db.sql, folder.files());
    const before = await history(db.sql);

    folder.write(
      '20260102000000_add_colour',
      `ALTER TABLE "widgets" ADD COLUMN "colour" TEXT NOT NULL DEFAULT 'blue';\n`,
    );
    folder.write('20260104000000_create_gadgets', `CREATE TABLE "gadgets" ("id" SERIAL PRIMARY KEY);\n`); // pending

    const error = await migrationError(migrate(db.sql, folder.files()));
    expect(error.message).toContain('20260102000000_add_colour');
    expect(error.message).toMatch(/modified after it was applied/);
    expect(error.message).toMatch(/restore the original file and put the change in a new migration/);

    expect(await history(db.sql)).toEqual(before);
    expect(await tableExists(db.sql, 'gadgets')).toBe(false);
  });

  it('refuses a migration recorded in the database but missing from the folder, and applies nothing', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    writeThreeSteps(folder);
    await migrate(db.sql, folder.files());
    const before = await history(db.sql);

    folder.remove('20260103000000_fill_widgets');
    folder.write('20260104000000_create_gadgets', `CREATE TABLE "gadgets" ("id" SERIAL PRIMARY KEY);\n`);

    const error = await migrationError(migrate(db.sql, folder.files()));
    expect(error.message).toContain('20260103000000_fill_widgets');
    expect(error.message).toMatch(/missing from prisma\/migrations; restore the folder/);
    expect(await history(db.sql)).toEqual(before);
    expect(await tableExists(db.sql, 'gadgets')).toBe(false);
  });

  it('refuses a migration that started but never finished (another tool crashed mid-way)', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    writeThreeSteps(folder);
    await migrate(db.sql, []); // creates the history table only
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      ['00000000-0000-4000-8000-000000000001', folder.checksumOf(THREE_STEPS[0]!), THREE_STEPS[0]],
    );

    const error = await migrationError(migrate(db.sql, folder.files()));
    expect(error.message).toContain(THREE_STEPS[0]);
    expect(error.message).toMatch(/never finished; inspect the database, then delete its row from _prisma_migrations/);
    expect(await tableExists(db.sql, 'widgets')).toBe(false);
  });

  it('ignores history rows marked rolled back (Prisma’s `migrate resolve --rolled-back`) and applies the file again', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    folder.write('20260101000000_create_widgets', `CREATE TABLE "widgets" ("id" SERIAL PRIMARY KEY);\n`);
    await migrate(db.sql, []);
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, rolled_back_at)
       VALUES ('00000000-0000-4000-8000-000000000002', 'stale', '20260101000000_create_widgets', now(), now())`,
    );

    expect(await migrate(db.sql, folder.files())).toEqual({
      applied: ['20260101000000_create_widgets'],
      alreadyApplied: 0,
    });
    expect(await tableExists(db.sql, 'widgets')).toBe(true);
  });
});

describe(`Migrations (${backendName}): a failing migration leaves no trace`, () => {
  it('rolls back every statement of the failing file, records nothing for it, names it, and stops there', async () => {
    const { db } = await freshDatabase();
    const folder = migrationsFolder();
    folder.write('20260101000000_create_widgets', `CREATE TABLE "widgets" ("id" SERIAL PRIMARY KEY);\n`);
    folder.write(
      '20260102000000_broken',
      [
        `CREATE TABLE "early" ("id" INTEGER);`,
        `INSERT INTO "widgets" DEFAULT VALUES;`,
        `INSERT INTO "no_such_table" VALUES (1);`, // fails here, in the middle
        `CREATE TABLE "late" ("id" INTEGER);`,
        '',
      ].join('\n'),
    );
    folder.write('20260103000000_after', `CREATE TABLE "after_broken" ("id" INTEGER);\n`);

    const error = await migrationError(migrate(db.sql, folder.files()));
    expect(error.message).toContain('migration 20260102000000_broken failed and was rolled back');
    expect(error.message).toMatch(/no_such_table/); // the database's own reason is kept
    expect(error.cause).toBeDefined();

    expect(await tableExists(db.sql, 'early')).toBe(false);
    expect(await tableExists(db.sql, 'late')).toBe(false);
    expect(await db.sql.query(`SELECT count(*)::int AS n FROM widgets`)).toEqual([{ n: 0 }]);
    expect(await tableExists(db.sql, 'after_broken')).toBe(false); // later files wait for the broken one
    expect((await history(db.sql)).map((row) => row.migration_name)).toEqual(['20260101000000_create_widgets']);

    // Once the file is fixed, the next run applies it and what follows.
    folder.write('20260102000000_broken', `CREATE TABLE "early" ("id" INTEGER);\n`);
    expect(await migrate(db.sql, folder.files())).toEqual({
      applied: ['20260102000000_broken', '20260103000000_after'],
      alreadyApplied: 1,
    });
  });
});

describe(`Migrations (${backendName}): concurrent runners apply each migration exactly once`, () => {
  /** Separate connections on PostgreSQL (one pool each, as separate processes would have); one PGlite otherwise. */
  async function runners(test: TestDatabase, count: number): Promise<Database[]> {
    if (!test.url) return Array.from({ length: count }, () => test.db);
    const pools = await Promise.all(Array.from({ length: count }, () => openPostgres({ url: test.url!, poolSize: 2 })));
    cleanups.push(() => Promise.all(pools.map((pool) => pool.close())).then(() => undefined));
    return pools;
  }

  it('with small non-idempotent files: every file applied by exactly one runner', async () => {
    const test = await freshDatabase();
    const folder = migrationsFolder();
    const names = Array.from({ length: 6 }, (_, i) => `2026010${i + 1}000000_step_${i + 1}`);
    // CREATE TABLE without IF NOT EXISTS: a second application of any file fails the run.
    names.forEach((name, i) =>
      folder.write(name, `CREATE TABLE "step_${i + 1}" ("id" INTEGER);\nINSERT INTO "step_${i + 1}" VALUES (${i});\n`),
    );

    const results = await Promise.all((await runners(test, 4)).map((db) => migrate(db.sql, folder.files())));

    expect(results.flatMap((result) => result.applied).sort()).toEqual(names);
    for (const result of results) expect(result.applied.length + result.alreadyApplied).toBe(names.length);
    const rows = await history(test.db.sql);
    expect(rows.map((row) => row.migration_name).sort()).toEqual(names);
    for (const [i] of names.entries()) {
      expect(await test.db.sql.query(`SELECT count(*)::int AS n FROM "step_${i + 1}"`)).toEqual([{ n: 1 }]);
    }
  });

  it('with the real prisma/migrations: applied once, checksums of the files, then a no-op', async () => {
    const test = await freshDatabase();
    const files = readMigrationFiles(MIGRATIONS_DIR);
    expect(files.length).toBeGreaterThan(0);

    const results = await Promise.all((await runners(test, 2)).map((db) => migrate(db.sql, files)));

    expect(results.flatMap((result) => result.applied).sort()).toEqual(files.map((file) => file.name));
    const rows = await history(test.db.sql);
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(
      files.map((file) => [
        file.name,
        createHash('sha256')
          .update(readFileSync(join(MIGRATIONS_DIR, file.name, 'migration.sql')))
          .digest('hex'),
        1,
      ]),
    );
    expect(await tableExists(test.db.sql, 'repositories')).toBe(true);
    expect(await migrate(test.db.sql, files)).toEqual({ applied: [], alreadyApplied: files.length });
  });
});

describe(`Migrations: an extension the database server lacks (${backendName})`, () => {
  it('fails naming the extension and what installs it, and applies nothing of that migration', async () => {
    const test = await freshDatabase();
    const folder = migrationsFolder();
    folder.write(
      '20260101000000_needs_extension',
      'CREATE TABLE t (id int);\nCREATE EXTENSION ost_not_installed_here;',
    );
    const error = await migrate(test.db.sql, folder.files()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /^migration 20260101000000_needs_extension failed and was rolled back: the PostgreSQL server lacks the "ost_not_installed_here" extension \(.+\)\. install the "ost_not_installed_here" extension on the database server; then start again\.$/,
    );
    expect(await tableExists(test.db.sql, 't')).toBe(false);
  });

  it('names scripts/ensure-pgvector.sh and the Docker setup when it is pgvector', () => {
    const message = 'extension "vector" is not available';
    expect(missingExtension(message)).toBe('vector');
    expect(
      missingExtension(
        'could not open extension control file "/usr/share/postgresql/15/extension/vector.control": No such file or directory',
      ),
    ).toBe('vector');
    expect(missingExtension('relation "x" does not exist')).toBeNull();
    const help = missingExtensionHelp('vector', message);
    expect(help).toContain('bash scripts/ensure-pgvector.sh');
    expect(help).toContain('docker/compose.yml');
  });
});
