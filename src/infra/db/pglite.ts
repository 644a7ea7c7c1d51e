// Embedded PostgreSQL (PGlite, in-process WASM) with pgvector, stored in a directory so data survives restarts.
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client.js';
import type { Database, SqlDriver } from './database.js';

type Runner = Pick<PGlite | Transaction, 'query' | 'exec'>;

function driverOn(target: Runner, root: PGlite): SqlDriver {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      await target.exec(text);
    },
    transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
      if (target !== root) return work(driverOn(target, root)); // already inside one: PGlite has one connection
      return root.transaction((tx) => work(driverOn(tx, root)));
    },
  };
}

/** `dataDir` undefined → in memory (tests); otherwise files under that directory. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { vector } });
  await client.exec('CREATE EXTENSION IF NOT EXISTS vector');
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    kind: 'pglite',
    prisma,
    sql: driverOn(client, client),
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}
