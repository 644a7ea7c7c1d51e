// Similar repositories: nearest neighbours in the embedding space (see similar.query.ts), many parents per
// statement. ef_search is pgvector's 40 (recall@10 0.959 against an exact scan on the full catalog, ties counted;
// 100 gained 0.011 for 50% more time: docs/benchmarks.md) and grows with the page asked for.
import type { SqlDriver } from '../../../infra/db/database.js';
import type { AnswerCache } from '../read/answer-cache.js';
import { withVectorScan } from './vector-scan.js';
import { similarStatement, type SimilarRequest } from './similar.query.js';

export interface SimilarHit {
  id: number;
  similarity: number;
}

export const BASE_EF_SEARCH = 40;

export class SimilarService {
  constructor(
    private readonly sql: SqlDriver,
    private readonly answers?: AnswerCache,
  ) {}

  /**
   * For each parent id, its most similar repositories, best first; parents without a vector get none. Answers
   * cached for the published run are not asked of the database again.
   */
  async similarTo(ids: readonly number[], request: SimilarRequest): Promise<Map<number, SimilarHit[]>> {
    if (!this.answers) return this.query(ids, request);
    const generation = await this.answers.generation();
    const keyOf = (id: number) => `${generation}:${id}:${request.key}`;
    const cached = await this.answers.getMany<SimilarHit[]>('similar', ids.map(keyOf));
    const answered = new Map<number, SimilarHit[]>();
    ids.forEach((id, i) => cached[i] && answered.set(id, cached[i]));
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length > 0)
      for (const [id, hits] of await this.query(missing, request)) {
        answered.set(id, hits);
        this.answers.set('similar', keyOf(id), hits);
      }
    return answered;
  }

  private async query(ids: readonly number[], request: SimilarRequest): Promise<Map<number, SimilarHit[]>> {
    const { text, params } = similarStatement(ids, request);
    const efSearch = Math.max(BASE_EF_SEARCH, request.first * 2);
    const rows = await withVectorScan(this.sql, efSearch, (tx) =>
      tx.query<{ parent_id: number; id: number; similarity: number }>(text, params),
    );
    const byParent = new Map<number, SimilarHit[]>(ids.map((id) => [id, []]));
    for (const row of rows) byParent.get(row.parent_id)?.push({ id: row.id, similarity: Number(row.similarity) });
    return byParent;
  }
}
