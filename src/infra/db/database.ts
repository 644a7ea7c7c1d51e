// The database port: one Prisma client over either PostgreSQL (@prisma/adapter-pg) or embedded PGlite, plus a
// plain SQL driver for what Prisma cannot express (multi-statement migrations, vector queries, bulk upserts).
import type { PrismaClient } from '../../generated/prisma/client.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface SqlDriver {
  /** One statement with $1.. parameters; returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migration files). */
  exec(text: string): Promise<void>;
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  readonly sql: SqlDriver;
  /** Throws when the database cannot answer `SELECT 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Called with the SQL text of every statement sent (Prisma's and raw): tests count statements with it. */
export type QueryObserver = (sql: string) => void;
