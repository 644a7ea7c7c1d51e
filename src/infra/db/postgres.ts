// PostgreSQL (services deployment): one pg pool shared by Prisma's adapter and the raw SQL driver.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { isTransient } from '../../lib/unreachable.js';
import { createPrismaClient } from './prisma-client.js';
import type { Database, QueryObserver, SqlDriver } from './database.js';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function driverOn(target: Queryable, pool: pg.Pool, onQuery?: QueryObserver): SqlDriver {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      onQuery?.(text);
      const result = await target.query(text, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(text: string) {
      onQuery?.(text);
      await target.query(text);
    },
    async transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
      // Nested: join the transaction already open on this connection (as PGlite does).
      if (target !== pool) return work(driverOn(target, pool, onQuery));
      const client = await pool.connect();
      let broken: Error | undefined;
      const onBroken = (error: Error) => void (broken = error);
      client.on('error', onBroken);
      try {
        await client.query('BEGIN');
        const result = await work(driverOn(client, pool, onQuery));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection lost mid-transaction has rolled it back on the server already; ROLLBACK then fails too.
        // The query can reject before the client's 'error' event: a connectivity failure marks it broken as well.
        if (isTransient(error)) broken ??= error as Error;
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onBroken);
        // A broken connection is destroyed, never handed to the next caller.
        client.release(broken);
      }
    },
  };
}

export interface PostgresOptions {
  url: string;
  poolSize: number;
  onError?: (error: Error) => void;
  onQuery?: QueryObserver;
}

export async function openPostgres({ url, poolSize, onError, onQuery }: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // A connection lost (server restart, pg_terminate_backend, network) is emitted as 'error' on its client, and an
  // 'error' nobody listens to kills the process. The pool listens for idle clients; every client also gets its own
  // listener for as long as it lives, so one checked out (by Prisma's adapter or a transaction here) is covered
  // too: its pending query rejects with the cause, and that unit of work fails, not the process.
  pool.on('error', (error) => onError?.(error));
  pool.on('connect', (client) => client.on('error', (error) => onError?.(error)));
  const prisma = createPrismaClient(new PrismaPg(pool), onQuery);
  const sql = driverOn(pool, pool, onQuery);
  return {
    kind: 'postgres',
    prisma,
    sql,
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
