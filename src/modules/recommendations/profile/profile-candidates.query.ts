// The candidates of a profile and their raw signals, in one statement: repositories sharing contributors with the
// liked ones (and through which liked repository most), others of their owners, those sharing the most topics,
// the most starred in the profile's languages, the nearest to the profile's vector (HNSW), and the most starred
// overall (so an empty profile still gets an answer). Liked repositories are never candidates.
export const PROFILE_CANDIDATES_SQL = `
WITH pairs AS (
  SELECT c2.repository_id AS id, c1.repository_id AS via, count(DISTINCT c2.user_id)::int AS shared
    FROM contributions c1 JOIN contributions c2 ON c2.user_id = c1.user_id
   WHERE c1.repository_id = ANY($1::int[]) AND c2.repository_id <> ALL($1::int[])
   GROUP BY 1, 2),
collab AS (
  SELECT id, sum(shared)::int AS shared, (array_agg(via ORDER BY shared DESC, via))[1] AS via,
         max(shared)::int AS via_shared
    FROM pairs GROUP BY id ORDER BY 2 DESC, id LIMIT 300),
owned AS (
  SELECT id FROM repositories WHERE owner_id = ANY($2::int[]) AND id <> ALL($1::int[])
   ORDER BY stars DESC, id LIMIT 100),
topical AS (
  SELECT id FROM repositories WHERE topics && $3::text[] AND id <> ALL($1::int[])
   ORDER BY cardinality(ARRAY(SELECT unnest(topics) INTERSECT SELECT unnest($3::text[]))) DESC, stars DESC, id
   LIMIT 300),
stack AS (
  SELECT id FROM repositories WHERE language = ANY($4::text[]) AND id <> ALL($1::int[])
   ORDER BY stars DESC, id LIMIT 100),
near AS (
  SELECT id FROM repositories WHERE $5::vector IS NOT NULL AND embedding IS NOT NULL AND id <> ALL($1::int[])
   ORDER BY embedding <=> $5::vector LIMIT 100),
popular AS (
  SELECT id FROM repositories WHERE id <> ALL($1::int[]) ORDER BY stars DESC, id LIMIT 50),
candidates AS (
  SELECT id FROM collab UNION SELECT id FROM owned UNION SELECT id FROM topical UNION SELECT id FROM stack
  UNION SELECT id FROM near UNION SELECT id FROM popular)
SELECT r.id, r.owner_id, r.language, r.topics, r.stars, r.pushed_at,
       coalesce(collab.shared, 0) AS shared, collab.via, coalesce(collab.via_shared, 0) AS via_shared,
       CASE WHEN $5::vector IS NULL OR r.embedding IS NULL THEN 0
            ELSE 1 - (r.embedding <=> $5::vector) END AS similarity,
       (SELECT max(stars) FROM repositories) AS max_stars,
       (SELECT max(pushed_at) FROM repositories) AS newest_push
  FROM candidates JOIN repositories r USING (id) LEFT JOIN collab USING (id)`;

export interface CandidateRow {
  id: number;
  owner_id: number;
  language: string | null;
  topics: string[];
  stars: number;
  pushed_at: Date | null;
  shared: number;
  via: number | null;
  via_shared: number;
  similarity: number | string;
  max_stars: number;
  newest_push: Date | null;
}
