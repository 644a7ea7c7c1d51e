// The statements behind every connection. A page is one statement: the rows after the cursor (one more than
// asked, to learn whether more follow) plus, when there is a cursor, one probe row on the other side of it (to
// learn whether anything precedes). The same statement runs once per parent inside a LATERAL join, so a relation
// list (each repository's contributors, each topic's repositories) is one statement for all parents.
import { Prisma } from '../../generated/prisma/client.js';
import type { KeyValue } from './cursor-key.js';
import { afterKeySql, atOrBeforeKeySql, orderBySql, sqlTrue } from './keyset-sql.js';
import type { Ordering } from './ordering.js';

/** What is listed: SELECT list, FROM clause and filter conditions (ANDed; they may name the parent `p.key`). */
export interface ListSource {
  readonly select: Prisma.Sql;
  readonly from: Prisma.Sql;
  readonly where: readonly Prisma.Sql[];
  /** A row joined to each row of the page once the page is chosen (a repository's owner). */
  readonly joined?: JoinedRow;
}

/**
 * Columns of another table for each page row, read by the same statement: `join` (a JOIN clause) and `select` (its
 * columns, named apart from the page's, e.g. "owner.login") may name the page row `x` (its output names, e.g.
 * x."ownerId"). The join wraps the finished page, so the page's own plan (filter, ordering index, LIMIT) stays
 * exactly as without it, and the join touches only the rows of the page.
 */
export interface JoinedRow {
  readonly select: Prisma.Sql;
  readonly join: Prisma.Sql;
}

/** A decoded page request over one ordering. */
export interface KeysetPlan {
  readonly ordering: Ordering;
  readonly backward: boolean;
  readonly size: number;
  readonly key: readonly KeyValue[] | null;
}

/** Extra columns of every page row: its sort key values, its place in the page, and whether it is the probe. */
export const KEY_COLUMN_PREFIX = '__k';
export const ROW_COLUMN = '__row';
export const PROBE_COLUMN = '__probe';
export const PARENT_COLUMN = '__parent';
const quoted = (name: string) => Prisma.raw(`"${name}"`);

const conditions = (parts: readonly Prisma.Sql[]) => (parts.length === 0 ? sqlTrue : Prisma.join(parts, ' AND '));

// Timestamps (columns without time zone, UTC by the schema's convention) come back as the text a cursor holds
// (Date.toISOString's format): the same on every driver and in every process time zone.
const ISO_UTC = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);

function keyColumns(ordering: Ordering): Prisma.Sql {
  return Prisma.join(
    ordering.columns.map((column, i) => {
      const value = column.kind === 'timestamp' ? Prisma.sql`to_char(${column.sql}, ${ISO_UTC})` : column.sql;
      return Prisma.sql`${value} AS ${quoted(`${KEY_COLUMN_PREFIX}${i}`)}`;
    }),
    ', ',
  );
}

export function pageSql(source: ListSource, plan: KeysetPlan): Prisma.Sql {
  const { ordering, backward, size, key } = plan;
  const order = orderBySql(ordering.columns, backward);
  const keys = keyColumns(ordering);
  const after = key ? [afterKeySql(ordering.columns, key, backward)] : [];
  const page = Prisma.sql`(SELECT ${source.select}, ${keys},
      (row_number() OVER (ORDER BY ${order}))::int AS ${quoted(ROW_COLUMN)}, FALSE AS ${quoted(PROBE_COLUMN)}
    FROM ${source.from} WHERE ${conditions([...source.where, ...after])}
    ORDER BY ${order} LIMIT ${size + 1}::int)`;
  let rows = page;
  if (key) {
    const probe = Prisma.sql`(SELECT ${source.select}, ${keys}, 0, TRUE
    FROM ${source.from} WHERE ${conditions([...source.where, atOrBeforeKeySql(ordering.columns, key, backward)])}
    LIMIT 1)`;
    rows = Prisma.sql`${page} UNION ALL ${probe}`;
  }
  if (!source.joined) return rows;
  return Prisma.sql`SELECT x.*, ${source.joined.select} FROM (${rows}) x ${source.joined.join}`;
}

/**
 * One page per parent. `parents` is a FROM item that names each parent key `p.key`, e.g.
 * Prisma.sql`unnest(${ids}::int[]) AS p(key)`; the source's conditions tie rows to `p.key`.
 */
export function lateralPageSql(parents: Prisma.Sql, source: ListSource, plan: KeysetPlan): Prisma.Sql {
  return Prisma.sql`SELECT p.key AS ${quoted(PARENT_COLUMN)}, x.*
    FROM ${parents} CROSS JOIN LATERAL (${pageSql(source, plan)}) x`;
}

export function countSql(source: Omit<ListSource, 'select'>): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS count FROM ${source.from} WHERE ${conditions(source.where)}`;
}

/** One count per parent, as rows { __parent, count }. */
export function lateralCountSql(parents: Prisma.Sql, source: Omit<ListSource, 'select'>): Prisma.Sql {
  return Prisma.sql`SELECT p.key AS ${quoted(PARENT_COLUMN)},
      (SELECT count(*)::int FROM ${source.from} WHERE ${conditions(source.where)}) AS count
    FROM ${parents}`;
}
