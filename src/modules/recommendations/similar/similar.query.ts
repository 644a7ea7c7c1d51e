// Nearest neighbours of many repositories in one statement: for each parent, an HNSW index scan ordered by cosine
// distance to its vector, with the filter applied inside the scan. pgvector's iterative index scan
// (hnsw.iterative_scan, 0.8) keeps scanning past ef_search candidates until `first` rows pass the filter, so a
// filter that matches under 1% of the catalog still fills the page. relaxed_order, as pgvector recommends for
// filtered queries: strict_order may stop before the page is full (it did, now and then, in the tests), and the
// rows relaxed_order lets arrive slightly out of distance order are put back in order by the final ORDER BY.
import { badInput } from '../../../errors.js';
import { checkTopic } from '../../../lib/github-names.js';

export const MAX_SIMILAR = 50;
export const DEFAULT_SIMILAR = 10;

export interface SimilarFilter {
  language?: string | null;
  topics?: readonly string[] | null;
  minStars?: number | null;
}

export interface SimilarRequest extends SimilarFilter {
  first: number;
  /** Names the request for loader families: parents asking the same share one statement. */
  key: string;
}

export function similarRequest(
  first: number | null | undefined,
  filter: SimilarFilter | null | undefined,
): SimilarRequest {
  const size = first ?? DEFAULT_SIMILAR;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIMILAR)
    throw badInput(`first: 1 to ${MAX_SIMILAR}; got ${size}`, { argument: 'first' });
  const language = filter?.language?.trim() || null;
  if (language !== null && language.length > 100)
    throw badInput('filter.language: at most 100 characters', { argument: 'filter' });
  const topics = (filter?.topics ?? []).map((topic) => checkTopic(topic, 'filter.topics'));
  if (topics.length > 10) throw badInput('filter.topics: at most 10 topics', { argument: 'filter' });
  const minStars = filter?.minStars ?? null;
  if (minStars !== null && (!Number.isInteger(minStars) || minStars < 0))
    throw badInput('filter.minStars: a whole number from 0', { argument: 'filter' });
  return { first: size, language, topics, minStars, key: JSON.stringify([size, language, topics, minStars]) };
}

/** The filter as conditions on `r` (repositories), its values appended to `params` as they are numbered. */
export function filterConditions(filter: SimilarFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (filter.language) {
    params.push(filter.language);
    where.push(`lower(r.language) = lower($${params.length})`);
  }
  if (filter.topics && filter.topics.length > 0) {
    params.push(filter.topics);
    where.push(`r.topics @> $${params.length}::text[]`);
  }
  if (filter.minStars != null) {
    params.push(filter.minStars);
    where.push(`r.stars >= $${params.length}`);
  }
  return where;
}

/** The statement and its parameters; `$1` is the parents' ids. */
export function similarStatement(ids: readonly number[], request: SimilarRequest): { text: string; params: unknown[] } {
  const params: unknown[] = [ids];
  const where = ['r.embedding IS NOT NULL', 'r.id <> src.id', ...filterConditions(request, params)];
  params.push(request.first);
  const text = `
    SELECT src.id AS parent_id, s.id, s.similarity
      FROM repositories src
      CROSS JOIN LATERAL (
        SELECT r.id, 1 - (r.embedding <=> src.embedding) AS similarity
          FROM repositories r
         WHERE ${where.join(' AND ')}
         ORDER BY r.embedding <=> src.embedding
         LIMIT $${params.length}
      ) s
     WHERE src.id = ANY($1::int[]) AND src.embedding IS NOT NULL
     ORDER BY src.id, s.similarity DESC, s.id`;
  return { text, params };
}
