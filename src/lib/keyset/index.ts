// Keyset (cursor) pagination for every list of the API: orderings as data, one statement builder, both directions.
export { OrderDirection, flip, sortColumn, type KeyKind, type Ordering, type SortColumn } from './ordering.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageRequest, type PageArgs, type PageRequest } from './page-request.js';
export { encodeKey, type KeyValue } from './cursor-key.js';
export { decodeRankCursor, encodeRankCursor } from './rank-cursor.js';
export { type JoinedRow, type KeysetPlan, type ListSource } from './page-query.js';
export { emptyPage, fromStatementRows, keysetPlan, type Page, type RawRow } from './page.js';
export { listQuery, type ListQuery } from './list-query.js';
export {
  fetchCount,
  fetchCounts,
  fetchPage,
  fetchPages,
  readRows,
  type Parents,
  type Reader,
  type RowSource,
} from './fetch.js';
