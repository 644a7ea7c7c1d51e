// A batch as one relation: each column travels as one array parameter and `unnest` zips them back into rows,
// so a batch of any size costs one statement with a fixed number of parameters.
import type { SqlScalar } from './sql-values.js';

/** Element types of the array parameters (what both drivers send as plain arrays). */
export type ParamType = 'text' | 'int' | 'float8' | 'bool' | 'timestamp(3)';

export interface BatchColumn<R> {
  /** Column name in the `v` relation. */
  readonly name: string;
  readonly type: ParamType;
  readonly get: (row: R) => SqlScalar;
}

/** `SELECT * FROM unnest($1::text[], $2::int[]) AS v(a, b)`, numbering parameters from `firstParam`. */
export function unnestSource<R>(columns: readonly BatchColumn<R>[], firstParam = 1): string {
  const params = columns.map((column, index) => `$${firstParam + index}::${column.type}[]`).join(', ');
  return `SELECT * FROM unnest(${params}) AS v(${columns.map((column) => column.name).join(', ')})`;
}

/** The parameter arrays for `rows`, in the order of `columns`. */
export function batchParams<R>(columns: readonly BatchColumn<R>[], rows: readonly R[]): SqlScalar[][] {
  return columns.map((column) => rows.map((row) => column.get(row)));
}
