// searchRepositories: hybrid keyword + vector retrieval (hybrid-search.query.ts); the query text is encoded with
// the encoder in use, so it lands in the same space as the stored vectors.
import type { SqlDriver } from '../../../infra/db/database.js';
import { answerKey, type AnswerCache } from '../read/answer-cache.js';
import { withVectorScan } from '../similar/vector-scan.js';
import { toVectorLiteral, type TextEmbedder } from '../embeddings/text-embedder.js';
import { hybridStatement, type SearchRequest } from './hybrid-search.query.js';

/** ef_search of retrievals that list up to 100 nearest repositories (search, profile candidates). */
export const SEARCH_EF_SEARCH = 100;

export type SearchMatch = 'KEYWORD' | 'SEMANTIC';

export interface SearchHit {
  id: number;
  score: number;
  matchedBy: SearchMatch[];
}

export class HybridSearchService {
  constructor(
    private readonly sql: SqlDriver,
    private readonly embedder: Pick<TextEmbedder, 'embed'>,
    private readonly answers?: AnswerCache,
  ) {}

  /** The fused hits, cached for the published run by the request (text, page and filter). */
  async search(request: SearchRequest): Promise<SearchHit[]> {
    if (!this.answers) return this.query(request);
    const key = answerKey(await this.answers.generation(), request);
    return this.answers.getOrCompute('search', key, () => this.query(request));
  }

  private async query(request: SearchRequest): Promise<SearchHit[]> {
    const [vector] = await this.embedder.embed([{ text: request.text }]);
    const { text, params } = hybridStatement(request, vector ? toVectorLiteral(vector) : null);
    // The vector list is 50 deep, so this ef_search covers it.
    const rows = await withVectorScan(this.sql, SEARCH_EF_SEARCH, (tx) =>
      tx.query<{ id: number; keyword_rank: string | null; semantic_rank: string | null; score: string }>(text, params),
    );
    return rows.map((row) => ({
      id: row.id,
      score: Number(row.score),
      matchedBy: [
        ...(row.keyword_rank !== null ? (['KEYWORD'] as const) : []),
        ...(row.semantic_rank !== null ? (['SEMANTIC'] as const) : []),
      ],
    }));
  }
}
