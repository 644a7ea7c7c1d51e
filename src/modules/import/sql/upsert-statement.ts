// Builds the one statement that upserts a batch: INSERT ... SELECT FROM unnest(...) ON CONFLICT ... DO UPDATE
// ... WHERE <something changed> RETURNING (xmax = 0). Rows whose values are already stored are not touched (no
// dead tuples, no bumped timestamps), which is what makes a re-import both cheap and countable:
//   returned with inserted = true  → inserted;  returned with false → updated;  not returned → unchanged.
// Declaring columns once keeps the INSERT list, the SET list and the change test from drifting apart.
import { batchParams, unnestSource, type BatchColumn } from './batch-source.js';
import type { SqlScalar } from './sql-values.js';

/**
 * How an existing row takes a new value:
 * - `overwrite`: always the new value;
 * - `keep-when-null`: the new value, unless it is null (unknown), which never erases a known value;
 * - `keep`: never changed after the insert.
 */
export type ConflictRule = 'overwrite' | 'keep-when-null' | 'keep';

export interface UpsertColumn {
  readonly column: string;
  /** SQL for the value, over the batch relation `v` (and whatever `from` joins). */
  readonly value: string;
  /**
   * SQL inserted instead of a null value, for columns that must hold something (NOT NULL, or lists Prisma reads
   * as never null). With `keep-when-null` the update then looks the raw value up in `v`, since EXCLUDED only
   * holds the substituted one; such a `value` must refer to `v` alone.
   */
  readonly whenNull?: string;
  readonly onConflict: ConflictRule;
}

export interface UpsertSpec<R> {
  readonly table: string;
  readonly conflictTarget: string;
  /**
   * How to find the batch row of a conflicting EXCLUDED row, e.g. `v.login = EXCLUDED.login`: needed by
   * `keep-when-null` columns that have a `whenNull`.
   */
  readonly matchExcluded?: string;
  readonly params: readonly BatchColumn<R>[];
  readonly columns: readonly UpsertColumn[];
  /** Defaults to `v`; may join other tables (e.g. the owner's id). */
  readonly from?: string;
  /** Columns set to CURRENT_TIMESTAMP when a row changes (bookkeeping, never part of the change test). */
  readonly touch?: readonly string[];
}

export interface UpsertStatement<R> {
  readonly text: string;
  params(rows: readonly R[]): SqlScalar[][];
}

const TARGET = 't';

export function upsertStatement<R>(spec: UpsertSpec<R>): UpsertStatement<R> {
  const insertValue = (c: UpsertColumn) => (c.whenNull ? `COALESCE(${c.value}, ${c.whenNull})` : c.value);
  const updateValue = (c: UpsertColumn): string => {
    const current = `${TARGET}.${c.column}`;
    if (c.onConflict === 'overwrite') return `EXCLUDED.${c.column}`;
    if (c.onConflict === 'keep') return current;
    if (!c.whenNull) return `COALESCE(EXCLUDED.${c.column}, ${current})`;
    if (!spec.matchExcluded) throw new Error(`upsert into ${spec.table}: ${c.column} needs matchExcluded`);
    return `COALESCE((SELECT ${c.value} FROM v WHERE ${spec.matchExcluded}), ${current})`;
  };
  const updated = spec.columns.filter((c) => c.onConflict !== 'keep');
  const set = [
    ...updated.map((c) => `${c.column} = ${updateValue(c)}`),
    ...(spec.touch ?? []).map((column) => `${column} = CURRENT_TIMESTAMP`),
  ];
  const text = `WITH v AS (${unnestSource(spec.params)})
INSERT INTO ${spec.table} AS ${TARGET} (${spec.columns.map((c) => c.column).join(', ')})
SELECT ${spec.columns.map(insertValue).join(', ')} FROM ${spec.from ?? 'v'}
ON CONFLICT ${spec.conflictTarget} DO UPDATE SET ${set.join(', ')}
WHERE (${updated.map((c) => `${TARGET}.${c.column}`).join(', ')}) IS DISTINCT FROM (${updated.map(updateValue).join(', ')})
RETURNING (xmax = 0) AS inserted`;
  return { text, params: (rows) => batchParams(spec.params, rows) };
}

/** Inserted / updated / unchanged of one upsert of `batchSize` rows, from its RETURNING rows. */
export function countUpsert(returned: readonly { inserted: boolean }[], batchSize: number) {
  const inserted = returned.filter((row) => row.inserted).length;
  const updated = returned.length - inserted;
  return { inserted, updated, unchanged: batchSize - returned.length };
}
