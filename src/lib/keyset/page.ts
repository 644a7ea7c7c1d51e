// A page as the API hands it on: rows in list order, a cursor per row, and whether more rows lie on either side
// (Relay: hasNextPage/hasPreviousPage). Built from the rows of `pageSql` whichever direction they were read in.
import { decodeKey, encodeKey, type KeyValue } from './cursor-key.js';
import type { Ordering } from './ordering.js';
import { KEY_COLUMN_PREFIX, PROBE_COLUMN, ROW_COLUMN, type KeysetPlan } from './page-query.js';
import type { PageRequest } from './page-request.js';

export interface Page<Row> {
  readonly rows: readonly Row[];
  /** `cursors[i]` is the cursor of `rows[i]`. */
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

export type RawRow = Record<string, unknown>;

/** Decodes the request's cursor for `ordering`: the plan a page statement is built from. */
export function keysetPlan(ordering: Ordering, request: PageRequest): KeysetPlan {
  return {
    ordering,
    backward: request.backward,
    size: request.size,
    key: request.cursor === null ? null : decodeKey(ordering, request.cursor, request.cursorArgument),
  };
}

/** The row without the bookkeeping columns the page statement adds (all named `__...`). */
function ownColumns(raw: RawRow): RawRow {
  // A plain loop: this runs for every row of every page, and entries/filter/fromEntries allocate three arrays.
  const own: RawRow = {};
  for (const name in raw) if (!name.startsWith('__')) own[name] = raw[name];
  return own;
}

const readsStatementRows = new WeakSet<(row: RawRow) => unknown>();

/**
 * Marks a row mapper that picks its own fields from the statement's row (bookkeeping `__...` and joined columns
 * included), so the page hands it the row as read instead of a copy without the bookkeeping columns.
 */
export function fromStatementRows<Row>(map: (row: RawRow) => Row): (row: RawRow) => Row {
  readsStatementRows.add(map);
  return map;
}

export function toPage<Row>(raws: readonly RawRow[], plan: KeysetPlan, map: (row: RawRow) => Row): Page<Row> {
  let probed = false;
  const read: RawRow[] = [];
  for (const raw of raws) {
    if (raw[PROBE_COLUMN] === true) probed = true;
    else read.push(raw);
  }
  // The statement returns the page in order (its own ORDER BY): sort only when a UNION with the probe or a join
  // may have reordered it.
  if (!isInOrder(read)) read.sort((a, b) => (a[ROW_COLUMN] as number) - (b[ROW_COLUMN] as number));
  const more = read.length > plan.size;
  const kept = read.slice(0, plan.size);
  if (plan.backward) kept.reverse();
  const rows = readsStatementRows.has(map) ? kept.map((raw) => map(raw)) : kept.map((raw) => map(ownColumns(raw)));
  // Cursors are encoded on first use: most clients select `nodes` and never read one.
  let cursors: string[] | undefined;
  return {
    rows,
    get cursors() {
      return (cursors ??= kept.map((raw) => cursorOf(plan, raw)));
    },
    // Read forward, "more" lies after the page and the probe before the cursor; read backward, the reverse.
    hasNextPage: plan.backward ? probed : more,
    hasPreviousPage: plan.backward ? more : probed,
  };
}

function isInOrder(rows: readonly RawRow[]): boolean {
  for (let i = 1; i < rows.length; i++)
    if ((rows[i - 1]![ROW_COLUMN] as number) > (rows[i]![ROW_COLUMN] as number)) return false;
  return true;
}

function cursorOf(plan: KeysetPlan, raw: RawRow): string {
  const values: KeyValue[] = [];
  for (let i = 0; i < plan.ordering.columns.length; i++) values.push(raw[`${KEY_COLUMN_PREFIX}${i}`] as KeyValue);
  return encodeKey(plan.ordering, values);
}

export const emptyPage = <Row>(): Page<Row> => ({ rows: [], cursors: [], hasNextPage: false, hasPreviousPage: false });
