// What a keyset ordering is: sort columns (SQL expressions) whose values, read back with each row, make its cursor.
// Orderings are data, not code paths: one builder (keyset-sql.ts) pages through any of them in either direction.
import type { Prisma } from '../../generated/prisma/client.js';

export const OrderDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type OrderDirection = (typeof OrderDirection)[keyof typeof OrderDirection];

/**
 * How a sort key value travels in a cursor and back into SQL (with an explicit cast). `uuid` is a text in the
 * cursor, checked as a UUID and compared as one, so uuid keys (pipeline runs) keep using their primary key index;
 * `bigint` is a decimal string in the cursor (JSON numbers lose precision past 2^53).
 */
export type KeyKind = 'int' | 'bigint' | 'float' | 'text' | 'timestamp' | 'uuid';

export interface SortColumn {
  /** SQL expression over the listed relation, e.g. `r.stars`, `lower(r.name)`. */
  readonly sql: Prisma.Sql;
  readonly kind: KeyKind;
  readonly descending: boolean;
  /** Nullable columns sort NULLS LAST in either direction, so "newest first" never starts with unknown dates. */
  readonly nullable: boolean;
}

export interface Ordering {
  /** Names the ordering inside its cursors: a cursor is only valid for the ordering that made it. */
  readonly name: string;
  /** The last column must be unique (an id, a name), so the order is total and every position is exact. */
  readonly columns: readonly SortColumn[];
}

export function sortColumn(
  sql: Prisma.Sql,
  kind: KeyKind,
  direction: OrderDirection,
  options: { nullable?: boolean } = {},
): SortColumn {
  return { sql, kind, descending: direction === OrderDirection.DESC, nullable: options.nullable ?? false };
}

/** The opposite of `direction`: ties broken by id always ascend, whatever the direction of the main key. */
export const flip = (direction: OrderDirection): OrderDirection =>
  direction === OrderDirection.ASC ? OrderDirection.DESC : OrderDirection.ASC;
