// Where a benchmark import writes: a PostgreSQL database (a scratch one created and dropped per cycle, or the one
// BENCH_DATABASE_URL names) or an embedded PGlite directory. Each cycle starts from an empty catalog, and after
// the runs the target reads back what the CLI recorded (the pipeline run's summary, with per-file timings in ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ImportSummary } from '../src/modules/import/index.js';
import { openPglite } from '../src/infra/db/index.js';

export interface ImportTarget {
  /** Environment for the CLI child: DATABASE_URL, or DATA_DIR for the embedded database. */
  readonly env: Record<string, string>;
  /** The summaries the CLI recorded for these pipeline runs, in order. */
  summaries(runIds: readonly string[]): Promise<ImportSummary[]>;
  /** Size of the database after the import, in bytes. */
  sizeBytes(): Promise<number>;
  /** Drops the scratch database or directory (never a database the user named). */
  dispose(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function postgresSummaries(url: string, runIds: readonly string[]): Promise<ImportSummary[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string; result: ImportSummary }>(
      'SELECT id::text, result FROM pipeline_runs WHERE id = ANY($1::uuid[])',
      [runIds],
    );
    return runIds.map((id) => {
      const row = rows.find((r) => r.id === id);
      if (!row?.result) throw new Error(`pipeline run ${id} has no recorded result`);
      return row.result;
    });
  });
}

/** A fresh database on the server of `adminUrl`, dropped by dispose(). */
export async function scratchPostgres(adminUrl: string, name: string): Promise<ImportTarget> {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target = url.toString();
  return {
    env: { DATABASE_URL: target },
    summaries: (runIds) => postgresSummaries(target, runIds),
    sizeBytes: () =>
      withClient(target, async (c) =>
        Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n),
      ),
    dispose: async () => {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}

/**
 * The database BENCH_DATABASE_URL names. A "first import" needs an empty catalog: with `reset` the catalog tables
 * are truncated first (CASCADE: everything referring to them goes too); without it a non-empty catalog is an error.
 */
export async function namedPostgres(url: string, reset: boolean): Promise<ImportTarget> {
  await withClient(url, async (client) => {
    const exists = (await client.query("SELECT to_regclass('repositories') IS NOT NULL AS yes")).rows[0].yes as boolean;
    if (!exists) return; // not migrated yet: the CLI migrates it
    if (reset) {
      await client.query('TRUNCATE contributions, repositories, users, topics, pipeline_runs CASCADE');
      return;
    }
    const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM repositories) AS any');
    if (rows[0].any) {
      throw new Error(
        'BENCH_DATABASE_URL already holds repositories: a first import needs an empty catalog. ' +
          'Pass --reset to truncate its catalog tables (destructive), or leave BENCH_DATABASE_URL unset for a scratch database.',
      );
    }
  });
  return {
    env: { DATABASE_URL: url },
    summaries: (runIds) => postgresSummaries(url, runIds),
    sizeBytes: () =>
      withClient(url, async (c) =>
        Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n),
      ),
    dispose: async () => undefined,
  };
}

/** A fresh embedded database in a temporary directory. */
export async function scratchPglite(): Promise<ImportTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'ost-bench-import-'));
  const withDb = async <T>(work: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>): Promise<T> => {
    const db = await openPglite(dir);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  return {
    env: { DATA_DIR: dir },
    summaries: (runIds) =>
      withDb(async (db) => {
        const rows = await db.sql.query<{ id: string; result: ImportSummary }>(
          'SELECT id::text, result FROM pipeline_runs WHERE id = ANY($1::uuid[])',
          [runIds],
        );
        return runIds.map((id) => {
          const row = rows.find((r) => r.id === id);
          if (!row?.result) throw new Error(`pipeline run ${id} has no recorded result`);
          return row.result;
        });
      }),
    sizeBytes: () =>
      withDb(async (db) => {
        const [row] = await db.sql.query<{ n: string }>('SELECT pg_database_size(current_database())::text AS n');
        return Number(row?.n ?? 0);
      }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
