// Runs the page and count statements through Prisma ($queryRaw: typed parameters, the same value decoding on
// PostgreSQL and PGlite) and shapes their rows: one page, or one page per parent key for relation lists.
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
  prisma: PrismaClient,
  source: ListSource,
  plan: KeysetPlan,
  map: (row: RawRow) => Row,
): Promise<Page<Row>> {
  return toPage(await prisma.$queryRaw<RawRow[]>(pageSql(source, plan)), plan, map);
}

export async function fetchPages<K extends number | string, Row>(
  prisma: PrismaClient,
  parents: Parents<K>,
  source: ListSource,
  plan: KeysetPlan,
  map: (row: RawRow) => Row,
): Promise<Map<K, Page<Row>>> {
  const pages = new Map<K, Page<Row>>(parents.keys.map((key) => [key, emptyPage<Row>()]));
  if (parents.keys.length === 0) return pages;
  const raws = await prisma.$queryRaw<RawRow[]>(lateralPageSql(parentsSql(parents), source, plan));
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

export async function fetchCount(prisma: PrismaClient, source: Omit<ListSource, 'select'>): Promise<number> {
  const [row] = await prisma.$queryRaw<Array<{ count: number }>>(countSql(source));
  return row?.count ?? 0;
}

export async function fetchCounts<K extends number | string>(
  prisma: PrismaClient,
  parents: Parents<K>,
  source: Omit<ListSource, 'select'>,
): Promise<Map<K, number>> {
  if (parents.keys.length === 0) return new Map();
  const rows = await prisma.$queryRaw<RawRow[]>(lateralCountSql(parentsSql(parents), source));
  return new Map(rows.map((row) => [row[PARENT_COLUMN] as K, row['count'] as number]));
}
