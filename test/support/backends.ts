// Which real backends a test run uses. Embedded by default (PGlite in memory, in-memory cache/pubsub), so
// `npm test` passes on a fresh machine; with TEST_DATABASE_URL / TEST_REDIS_URL every integration test runs
// against those services instead, and fails (never skips) when they cannot be reached.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  openPglite,
  openPostgres,
  migrate,
  readMigrationFiles,
  type Database,
  type QueryObserver,
} from '../../src/infra/db/index.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;
export const backendName = testDatabaseUrl ? 'postgres' : 'pglite';

export const MIGRATIONS_DIR = new URL('../../prisma/migrations', import.meta.url).pathname;

/** A URL for a brand-new, empty PostgreSQL database on the test server (dropped by `dropScratchDatabase`). */
export async function createScratchDatabase(baseUrl: string): Promise<string> {
  const name = `ost_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(baseUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  db: Database;
  /** PostgreSQL URL of the scratch database (undefined on PGlite). */
  url: string | undefined;
  close(): Promise<void>;
}

/** A fresh, migrated database on the configured backend. */
export async function openTestDatabase(
  options: { migrate?: boolean; onQuery?: QueryObserver } = {},
): Promise<TestDatabase> {
  let db: Database;
  let url: string | undefined;
  if (testDatabaseUrl) {
    url = await createScratchDatabase(testDatabaseUrl);
    db = await openPostgres({ url, poolSize: 4, ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  } else {
    db = await openPglite(undefined, options.onQuery ? { onQuery: options.onQuery } : {});
  }
  if (options.migrate !== false) await migrate(db.sql, readMigrationFiles(MIGRATIONS_DIR));
  return {
    db,
    url,
    async close() {
      await db.close();
      if (testDatabaseUrl && url) await dropScratchDatabase(testDatabaseUrl, url);
    },
  };
}
