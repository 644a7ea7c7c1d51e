// Hybrid retrieval in one statement: the best keyword matches (full-text, any word, ranked by ts_rank) and the
// nearest embeddings of the query text (HNSW, iterative scan so filters still fill the list), fused by reciprocal
// rank fusion (score = Σ 1 / (60 + rank) over the lists a repository is in; Cormack et al., 2009). RRF needs no
// score calibration between the two lists, which BM25-style ranks and cosine distances do not share. The vector
// list is the index's nearest neighbours joined with the keyword matches, ranked by exact distance: HNSW can miss
// every member of a small cluster far from the rest (its nodes get no links back from the big clusters), and a
// keyword match it missed would otherwise lose its semantic rank. Equal scores go to the keyword match.
import { badInput } from '../../../errors.js';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, tsqueryPrefix } from '../../../lib/search/keyword-query.js';
import { filterConditions, similarRequest, type SimilarFilter, type SimilarRequest } from '../similar/similar.query.js';

export const RRF_K = 60;
/** How deep each list goes before fusion. */
export const LIST_DEPTH = 50;
/** The catalog's keyword search limits (lib/search/keyword-query.ts) hold here too. */
export const MAX_QUERY_LENGTH = MAX_SEARCH_LENGTH;
const MAX_WORDS = MAX_SEARCH_WORDS;

export interface SearchRequest {
  text: string;
  /** tsquery text: any of the words, each as a prefix. */
  keywords: string;
  page: SimilarRequest;
}

export function searchRequest(
  text: string,
  first: number | null | undefined,
  filter: SimilarFilter | null | undefined,
): SearchRequest {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw badInput('query: give some words to search for', { argument: 'query' });
  if (trimmed.length > MAX_QUERY_LENGTH)
    throw badInput(`query: at most ${MAX_QUERY_LENGTH} characters; got ${trimmed.length}`, { argument: 'query' });
  const words = trimmed.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) throw badInput('query: give at least one letter or digit', { argument: 'query' });
  if (words.length > MAX_WORDS) throw badInput(`query: at most ${MAX_WORDS} words`, { argument: 'query' });
  const keywords = words.map(tsqueryPrefix).join(' | ');
  return { text: trimmed, keywords, page: similarRequest(first, filter) };
}

/** Parameters: $1 tsquery text, $2 the query vector (or NULL: keyword list only), then the filter's. */
export function hybridStatement(request: SearchRequest, vector: string | null): { text: string; params: unknown[] } {
  const params: unknown[] = [request.keywords, vector];
  const where = filterConditions(request.page, params);
  params.push(request.page.first);
  const filter = where.length > 0 ? `AND ${where.join(' AND ')}` : '';
  const text = `
    WITH keyword AS (
      SELECT id, row_number() OVER (ORDER BY relevance DESC, stars DESC, id) AS rank
        FROM (SELECT r.id, r.stars, ts_rank(r.search_vector, to_tsquery('simple', $1::text)) AS relevance
                FROM repositories r
               WHERE r.search_vector @@ to_tsquery('simple', $1::text) ${filter}
               ORDER BY relevance DESC, r.stars DESC, r.id
               LIMIT ${LIST_DEPTH}) k
    ), nearest AS (
      SELECT r.id, r.embedding <=> $2::vector AS distance
        FROM repositories r
       WHERE $2::vector IS NOT NULL AND r.embedding IS NOT NULL ${filter}
       ORDER BY r.embedding <=> $2::vector
       LIMIT ${LIST_DEPTH}
    ), semantic AS (
      -- The index's neighbours and the keyword matches, by exact distance: a keyword match the approximate index
      -- missed still gets its true place in the vector list.
      SELECT id, row_number() OVER (ORDER BY distance, id) AS rank
        FROM (SELECT id, distance FROM nearest
              UNION
              SELECT r.id, r.embedding <=> $2::vector FROM keyword k JOIN repositories r ON r.id = k.id
               WHERE $2::vector IS NOT NULL AND r.embedding IS NOT NULL
              ORDER BY distance, id LIMIT ${LIST_DEPTH}) s
    )
    SELECT coalesce(k.id, s.id) AS id, k.rank AS keyword_rank, s.rank AS semantic_rank,
           coalesce(1.0 / (${RRF_K} + k.rank), 0) + coalesce(1.0 / (${RRF_K} + s.rank), 0) AS score
      FROM keyword k FULL JOIN semantic s ON k.id = s.id
     ORDER BY score DESC, k.rank NULLS LAST, s.rank, id
     LIMIT $${params.length}`;
  return { text, params };
}
