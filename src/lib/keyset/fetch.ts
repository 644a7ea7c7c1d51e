// Runs the page and count statements and shapes their rows: one page, or one page per parent key for relation
// lists. Through Prisma ($queryRaw: typed parameters, the same value decoding on PostgreSQL and PGlite), or, for
// the hot read paths, straight through the database's SQL driver (see `RowSource`).
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import {
  PARENT_COLUMN,
  countSql,
  lateralCountSql,
  lateralPageSql,
  pageSql,
  type KeysetPlan,
  type ListSource,
} from './page-query.js';
import { emptyPage, toPage, type Page, type RawRow } from './page.js';

/**
 * The database's plain SQL driver (src/infra/db's SqlDriver): no Prisma on the way, a large share of a small
 * read's CPU. Its rows are the driver's own values, so a source read this way must not depend on Prisma's value
 * decoding: timestamps read as timestamptz (`columnsSql`'s `dates`), int8 converted by the reader.
 */
export interface RowSource {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}
export type Reader = PrismaClient | RowSource;

/** Parameters as both drivers take them: Dates as UTC ISO text (as Prisma sends them), bigints as decimals. */
const driverParam = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;

export function readRows<Row = RawRow>(reader: Reader, sql: Prisma.Sql): Promise<Row[]> {
  if ('query' in reader) return reader.query<Row>(sql.text, sql.values.map(driverParam));
  return reader.$queryRaw<Row[]>(sql);
}

/** Parent keys of a relation list: their SQL array type, and the keys themselves (one DataLoader batch). */
export interface Parents<K extends number | string> {
  readonly type: 'int' | 'text';
  readonly keys: readonly K[];
}

function parentsSql<K extends number | string>(parents: Parents<K>): Prisma.Sql {
  const keys = [...parents.keys];
  return parents.type === 'int'
    ? Prisma.sql`unnest(${keys}::int[]) AS p(key)`
    : Prisma.sql`unnest(${keys}::text[]) AS p(key)`;
}

export async function fetchPage<Row>(
  prisma: Reader,
  source: ListSource,
  plan: KeysetPlan,
  map: (row: RawRow) => Row,
): Promise<Page<Row>> {
  return toPage(await readRows(prisma, pageSql(source, plan)), plan, map);
}

export async function fetchPages<K extends number | string, Row>(
  prisma: Reader,
  parents: Parents<K>,
  source: ListSource,
  plan: KeysetPlan,
  map: (row: RawRow) => Row,
): Promise<Map<K, Page<Row>>> {
  const pages = new Map<K, Page<Row>>(parents.keys.map((key) => [key, emptyPage<Row>()]));
  if (parents.keys.length === 0) return pages;
  const raws = await readRows(prisma, lateralPageSql(parentsSql(parents), source, plan));
  const byParent = new Map<K, RawRow[]>();
  for (const raw of raws) {
    const parent = raw[PARENT_COLUMN] as K;
    const rows = byParent.get(parent);
    if (rows) rows.push(raw);
    else byParent.set(parent, [raw]);
  }
  for (const [parent, rows] of byParent) pages.set(parent, toPage(rows, plan, map));
  return pages;
}

export async function fetchCount(prisma: Reader, source: Omit<ListSource, 'select'>): Promise<number> {
  const [row] = await readRows<{ count: number }>(prisma, countSql(source));
  return row?.count ?? 0;
}

export async function fetchCounts<K extends number | string>(
  prisma: Reader,
  parents: Parents<K>,
  source: Omit<ListSource, 'select'>,
): Promise<Map<K, number>> {
  if (parents.keys.length === 0) return new Map();
  const rows = await readRows(prisma, lateralCountSql(parentsSql(parents), source));
  return new Map(rows.map((row) => [row[PARENT_COLUMN] as K, row['count'] as number]));
}
