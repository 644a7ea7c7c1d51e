// The SQL of a keyset position: ORDER BY for an ordering read forward or backward, and the predicates "strictly
// after this key" / "at or before this key". Nullable columns sort NULLS LAST in list order, so read backward they
// come first; the predicates spell out NULL handling instead of relying on comparisons that yield NULL.
import { Prisma } from '../../generated/prisma/client.js';
import type { KeyValue } from './cursor-key.js';
import type { SortColumn } from './ordering.js';

const TRUE = Prisma.sql`TRUE`;
const FALSE = Prisma.sql`FALSE`;

/** A key value as a typed parameter: the cast keeps PostgreSQL from guessing (and PGlite from disagreeing). */
function param(column: SortColumn, value: Exclude<KeyValue, null>): Prisma.Sql {
  switch (column.kind) {
    case 'int':
      return Prisma.sql`${value}::int`;
    case 'float':
      return Prisma.sql`${value}::float8`;
    case 'text':
      return Prisma.sql`${value}::text`;
    case 'timestamp':
      return Prisma.sql`${value}::timestamp(3)`;
    case 'uuid':
      return Prisma.sql`${value}::uuid`;
    case 'bigint':
      return Prisma.sql`${value}::bigint`;
  }
}

/** Direction and null placement of a column when the list is read forward or backward. */
function effective(column: SortColumn, backward: boolean) {
  return { descending: column.descending !== backward, nullsLast: !backward };
}

export function orderBySql(columns: readonly SortColumn[], backward: boolean): Prisma.Sql {
  return Prisma.join(
    columns.map((column) => {
      const { descending, nullsLast } = effective(column, backward);
      // Non-null columns keep PostgreSQL's default null placement, so plain indexes still match the ORDER BY.
      const nulls = column.nullable ? (nullsLast ? ' NULLS LAST' : ' NULLS FIRST') : '';
      return Prisma.sql`${column.sql} ${Prisma.raw((descending ? 'DESC' : 'ASC') + nulls)}`;
    }),
    ', ',
  );
}

function equalTo(column: SortColumn, value: KeyValue): Prisma.Sql {
  return value === null ? Prisma.sql`${column.sql} IS NULL` : Prisma.sql`${column.sql} = ${param(column, value)}`;
}

/** `column` comes strictly after `value` in the effective order; FALSE when nothing can. */
function beyond(column: SortColumn, value: KeyValue, backward: boolean): Prisma.Sql {
  const { descending, nullsLast } = effective(column, backward);
  const op = Prisma.raw(descending ? '<' : '>');
  if (value === null) return nullsLast ? FALSE : Prisma.sql`${column.sql} IS NOT NULL`;
  const compared = Prisma.sql`${column.sql} ${op} ${param(column, value)}`;
  return column.nullable && nullsLast ? Prisma.sql`(${compared} OR ${column.sql} IS NULL)` : compared;
}

/** Rows strictly after `key` when the list is read in the given direction. */
export function afterKeySql(columns: readonly SortColumn[], key: readonly KeyValue[], backward: boolean): Prisma.Sql {
  const disjuncts: Prisma.Sql[] = [];
  columns.forEach((column, i) => {
    const step = beyond(column, key[i] ?? null, backward);
    if (step === FALSE) return;
    const equal = columns.slice(0, i).map((previous, j) => equalTo(previous, key[j] ?? null));
    disjuncts.push(Prisma.join([...equal, step], ' AND '));
  });
  if (disjuncts.length === 0) return FALSE;
  const after = Prisma.sql`(${Prisma.join(disjuncts, ' OR ')})`;
  // A redundant bound on the leading column lets PostgreSQL start an index range scan at the key.
  const [lead] = columns;
  const leadValue = key[0] ?? null;
  if (lead && !lead.nullable && leadValue !== null) {
    const op = Prisma.raw(effective(lead, backward).descending ? '<=' : '>=');
    return Prisma.sql`${lead.sql} ${op} ${param(lead, leadValue)} AND ${after}`;
  }
  return after;
}

/** Rows at `key` or before it: what a page read from `key` leaves behind (decides hasPreviousPage). */
export function atOrBeforeKeySql(
  columns: readonly SortColumn[],
  key: readonly KeyValue[],
  backward: boolean,
): Prisma.Sql {
  const at = Prisma.join(
    columns.map((column, i) => equalTo(column, key[i] ?? null)),
    ' AND ',
  );
  return Prisma.sql`(${afterKeySql(columns, key, !backward)} OR (${at}))`;
}

export const sqlTrue = TRUE;
