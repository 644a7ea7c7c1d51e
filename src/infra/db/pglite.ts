// Embedded PostgreSQL (PGlite, in-process WASM) with pgvector, stored in a directory so data survives restarts.
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lockDataDir } from './data-dir-lock.js';
import { createPrismaClient } from './prisma-client.js';
import type { Database, QueryObserver, SqlDriver } from './database.js';

type Runner = Pick<PGlite | Transaction, 'query' | 'exec'>;

function driverOn(target: Runner, root: PGlite, onQuery?: QueryObserver): SqlDriver {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      onQuery?.(text);
      const result = await target.query<Row>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      onQuery?.(text);
      await target.exec(text);
    },
    transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
      if (target !== root) return work(driverOn(target, root, onQuery)); // already inside one: PGlite has one connection
      return root.transaction((tx) => work(driverOn(tx, root, onQuery)));
    },
  };
}

/** `dataDir` undefined → in memory (tests); otherwise files under that directory. */
export async function openPglite(
  dataDir: string | undefined,
  options: { onQuery?: QueryObserver } = {},
): Promise<Database> {
  const { onQuery } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir, extensions: { vector } });
    await client.exec('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    lock?.release();
    throw error;
  }
  const prisma = createPrismaClient(new PrismaPGlite(client), onQuery);
  return {
    kind: 'pglite',
    prisma,
    sql: driverOn(client, client, onQuery),
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      try {
        await prisma.$disconnect();
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
