// A PostgreSQL connection dropped under a unit of work (server restart, failover, pg_terminate_backend) fails that
// unit of work with the cause and leaves the process and the pool working. Before, a client checked out for a
// transaction had no 'error' listener, and the 'error' event it emits on a lost connection killed the process.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../../src/infra/db/index.js';
import { createScratchDatabase, dropScratchDatabase, testDatabaseUrl } from '../../support/backends.js';

describe.runIf(testDatabaseUrl)('PostgreSQL: a connection lost mid-work (pg_terminate_backend)', () => {
  let url: string;
  let db: Database;
  const reported: Error[] = [];

  beforeAll(async () => {
    url = await createScratchDatabase(testDatabaseUrl!);
    db = await openPostgres({ url, poolSize: 3, onError: (error) => reported.push(error) });
  });
  afterAll(async () => {
    await db?.close();
    await dropScratchDatabase(testDatabaseUrl!, url);
  });

  /** Terminates, from another connection, the backend running a statement that contains `marker`. */
  async function terminate(marker: string): Promise<void> {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (let tries = 0; tries < 200; tries++) {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
          [`%${marker}%`],
        );
        if (rows.length > 0) {
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no backend ran ${marker}`);
    } finally {
      await admin.end();
    }
  }

  it('a raw transaction fails with 57P01, is rolled back, and the pool serves the next one', async () => {
    await db.sql.exec('CREATE TABLE IF NOT EXISTS lost_tx (n int)');
    const work = db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO lost_tx VALUES (1)');
      await tx.query(`SELECT pg_sleep(10) /* raw-marker */`);
    });
    const outcome = work.then(
      () => null,
      (error: unknown) => error as { code?: string },
    );
    await terminate('raw-marker');
    expect((await outcome)?.code).toBe('57P01');
    expect(await db.sql.query('SELECT count(*)::int AS n FROM lost_tx')).toEqual([{ n: 0 }]);
    expect(await db.sql.transaction((tx) => tx.query('SELECT 1 AS ok'))).toEqual([{ ok: 1 }]);
  });

  it("a Prisma interactive transaction fails with the cause, and Prisma's next query works", async () => {
    const work = db.prisma.$transaction(async (tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(10) /* prisma-marker */`));
    const outcome = work.then(
      () => null,
      (error: unknown) => error,
    );
    await terminate('prisma-marker');
    expect(await outcome).toBeInstanceOf(Error);
    expect(await db.prisma.$queryRawUnsafe('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('reported the lost connections instead of throwing them at the process', () => {
    expect(reported.length).toBeGreaterThanOrEqual(1);
  });
});
