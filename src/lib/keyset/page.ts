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

export function toPage<Row>(raws: readonly RawRow[], plan: KeysetPlan, map: (row: RawRow) => Row): Page<Row> {
  const probed = raws.some((raw) => raw[PROBE_COLUMN] === true);
  const read = raws
    .filter((raw) => raw[PROBE_COLUMN] !== true)
    .sort((a, b) => (a[ROW_COLUMN] as number) - (b[ROW_COLUMN] as number));
  const more = read.length > plan.size;
  const kept = read.slice(0, plan.size);
  if (plan.backward) kept.reverse();
  const cursorOf = (raw: RawRow) =>
    encodeKey(
      plan.ordering,
      plan.ordering.columns.map((_, i) => raw[`${KEY_COLUMN_PREFIX}${i}`] as KeyValue),
    );
  return {
    rows: kept.map((raw) => map(ownColumns(raw))),
    cursors: kept.map(cursorOf),
    // Read forward, "more" lies after the page and the probe before the cursor; read backward, the reverse.
    hasNextPage: plan.backward ? probed : more,
    hasPreviousPage: plan.backward ? more : probed,
  };
}

export const emptyPage = <Row>(): Page<Row> => ({ rows: [], cursors: [], hasNextPage: false, hasPreviousPage: false });
