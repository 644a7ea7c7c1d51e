// Similar repositories: nearest neighbours in the embedding space (see similar.query.ts), many parents per
// statement. ef_search grows with the page asked for, so HNSW's candidate list is never shorter than the page.
import type { SqlDriver } from '../../../infra/db/database.js';
import { similarStatement, type SimilarRequest } from './similar.query.js';

export interface SimilarHit {
  id: number;
  similarity: number;
}

const BASE_EF_SEARCH = 40;

export class SimilarService {
  constructor(private readonly sql: SqlDriver) {}

  /** For each parent id, its most similar repositories, best first; parents without a vector get none. */
  async similarTo(ids: readonly number[], request: SimilarRequest): Promise<Map<number, SimilarHit[]>> {
    const { text, params } = similarStatement(ids, request);
    const efSearch = Math.max(BASE_EF_SEARCH, request.first * 2);
    const rows = await this.sql.transaction(async (tx) => {
      // SET LOCAL: only this transaction; the pooled connection goes back unchanged.
      await tx.query(`SET LOCAL hnsw.ef_search = ${efSearch}`);
      await tx.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
      return tx.query<{ parent_id: number; id: number; similarity: number }>(text, params);
    });
    const byParent = new Map<number, SimilarHit[]>(ids.map((id) => [id, []]));
    for (const row of rows) byParent.get(row.parent_id)?.push({ id: row.id, similarity: Number(row.similarity) });
    return byParent;
  }
}
