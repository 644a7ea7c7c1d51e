// Every statement that reads the HNSW index runs inside this: pgvector's ef_search and its iterative scan (so a
// filter still fills the page) set local to one transaction, so the pooled connection goes back unchanged. One
// statement for both settings: each round trip counts at a few milliseconds per answer.
import type { SqlDriver } from '../../../infra/db/database.js';

export function withVectorScan<T>(sql: SqlDriver, efSearch: number, work: (tx: SqlDriver) => Promise<T>): Promise<T> {
  return sql.transaction(async (tx) => {
    await tx.query(
      "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)",
      [String(efSearch)],
    );
    return work(tx);
  });
}
