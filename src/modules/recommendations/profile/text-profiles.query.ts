// Candidates for many users at once from their own text alone (users with no contribution): per user the nearest
// repositories to their text's vector (HNSW, one LATERAL scan each), plus the most starred overall for everyone, in
// one statement, so a page of such users costs what one does.
export const TEXT_PROFILE_CANDIDATES_SQL = `
WITH profiles AS (SELECT * FROM unnest($1::int[], $2::text[]) AS p(user_id, vector)),
popular AS (SELECT id FROM repositories ORDER BY stars DESC, id LIMIT 50),
picked AS (
  SELECT p.user_id, n.id FROM profiles p
    CROSS JOIN LATERAL (
      SELECT id FROM repositories
       WHERE p.vector IS NOT NULL AND embedding IS NOT NULL
       ORDER BY embedding <=> p.vector::vector LIMIT 100) n
  UNION
  SELECT p.user_id, popular.id FROM profiles p CROSS JOIN popular)
SELECT picked.user_id, r.id, r.owner_id, r.language, r.topics, r.stars, r.pushed_at,
       0 AS shared, NULL::int AS via, 0 AS via_shared,
       CASE WHEN p.vector IS NULL OR r.embedding IS NULL THEN 0
            ELSE 1 - (r.embedding <=> p.vector::vector) END AS similarity,
       (SELECT max(stars) FROM repositories) AS max_stars,
       (SELECT max(pushed_at) FROM repositories) AS newest_push
  FROM picked JOIN profiles p USING (user_id) JOIN repositories r ON r.id = picked.id`;
