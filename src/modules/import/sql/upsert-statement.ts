// The one statement shape that writes a batch: INSERT ... SELECT FROM unnest(...) ON CONFLICT ... DO UPDATE ...
// WHERE <something changed> RETURNING (xmax = 0). Rows already holding the line's values are not touched (no dead
// tuples, no bumped timestamps), which makes a re-import both cheap and countable:
//   returned with inserted = true → inserted;  returned with false → updated;  not returned → unchanged.
// Declaring columns once keeps the INSERT list, the SET list and the change test from drifting apart.
import type { SqlDriver } from '../../../infra/db/index.js';
import { batchParams, unnestSource, type BatchColumn } from './batch-source.js';

/**
 * How an existing row takes a new value:
 * - `overwrite`: always the new value;
 * - `keep-when-null`: the new value, unless it is null (unknown), which never erases a known value;
 * - `keep`: never changed after the insert.
 */
export type ConflictRule = 'overwrite' | 'keep-when-null' | 'keep';

export interface UpsertColumn<R> {
  readonly column: string;
  /** SQL for the value, over the batch relation `v`. */
  readonly value: string;
  readonly onConflict: ConflictRule;
  /**
   * For columns that must hold something (NOT NULL, or lists Prisma reads as never null): what a new row gets
   * when the line's value is null. EXCLUDED then holds the substitute, not the null, so it cannot say "unknown";
   * rows are instead grouped by which of these values are null, one statement per group, and a group whose
   * value is unknown keeps the stored one.
   */
  readonly whenNull?: { readonly insert: string; readonly isNull: (row: R) => boolean };
}

export interface UpsertSpec<R> {
  readonly table: string;
  readonly conflictTarget: string;
  readonly params: readonly BatchColumn<R>[];
  readonly columns: readonly UpsertColumn<R>[];
  /** Columns set to CURRENT_TIMESTAMP when a row changes (bookkeeping, never part of the change test). */
  readonly touch?: readonly string[];
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface UpsertStatement<R> {
  /** Upserts rows with distinct conflict keys: one statement per null-pattern group (usually one). */
  run(tx: SqlDriver, rows: readonly R[]): Promise<UpsertCounts>;
  /** The statement for rows whose substitutable values are all known (inspection, tests). */
  readonly text: string;
}

const TARGET = 't';

export function upsertStatement<R>(spec: UpsertSpec<R>): UpsertStatement<R> {
  const substitutable = spec.columns.filter((c) => c.whenNull && c.onConflict === 'keep-when-null');
  const texts = new Map<string, string>();
  const textFor = (mask: string): string => {
    let text = texts.get(mask);
    if (text === undefined) {
      const unknown = new Set(substitutable.filter((_, i) => mask[i] === '1').map((c) => c.column));
      text = buildText(spec, unknown);
      texts.set(mask, text);
    }
    return text;
  };
  const maskOf = (row: R): string => substitutable.map((c) => (c.whenNull?.isNull(row) ? '1' : '0')).join('');

  return {
    text: textFor('0'.repeat(substitutable.length)),
    async run(tx, rows) {
      const groups = new Map<string, R[]>();
      for (const row of rows) {
        const mask = maskOf(row);
        const group = groups.get(mask);
        if (group) group.push(row);
        else groups.set(mask, [row]);
      }
      const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
      for (const [mask, group] of groups) {
        const returned = await tx.query<{ inserted: boolean }>(textFor(mask), batchParams(spec.params, group));
        const inserted = returned.filter((row) => row.inserted).length;
        counts.inserted += inserted;
        counts.updated += returned.length - inserted;
        counts.unchanged += group.length - returned.length;
      }
      return counts;
    },
  };
}

function buildText<R>(spec: UpsertSpec<R>, unknown: ReadonlySet<string>): string {
  const insertValue = (c: UpsertColumn<R>) => (c.whenNull ? `COALESCE(${c.value}, ${c.whenNull.insert})` : c.value);
  const updateValue = (c: UpsertColumn<R>): string => {
    const current = `${TARGET}.${c.column}`;
    if (c.onConflict === 'keep' || unknown.has(c.column)) return current;
    if (c.onConflict === 'overwrite' || c.whenNull) return `EXCLUDED.${c.column}`;
    return `COALESCE(EXCLUDED.${c.column}, ${current})`;
  };
  const updated = spec.columns.filter((c) => c.onConflict !== 'keep' && !unknown.has(c.column));
  const set = [
    ...updated.map((c) => `${c.column} = ${updateValue(c)}`),
    ...(spec.touch ?? []).map((column) => `${column} = CURRENT_TIMESTAMP`),
  ];
  return `WITH v AS (${unnestSource(spec.params)})
INSERT INTO ${spec.table} AS ${TARGET} (${spec.columns.map((c) => c.column).join(', ')})
SELECT ${spec.columns.map(insertValue).join(', ')} FROM v
ON CONFLICT ${spec.conflictTarget} DO UPDATE SET ${set.join(', ')}
WHERE (${updated.map((c) => `${TARGET}.${c.column}`).join(', ')}) IS DISTINCT FROM (${updated.map(updateValue).join(', ')})
RETURNING (xmax = 0) AS inserted`;
}
