// PostgreSQL (services deployment): one pg pool shared by Prisma's adapter and the raw SQL driver.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
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
      try {
        await client.query('BEGIN');
        const result = await work(driverOn(client, pool, onQuery));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
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
  // An idle client losing its connection must not crash the process: the pool replaces it, readiness reports it.
  pool.on('error', (error) => onError?.(error));
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
