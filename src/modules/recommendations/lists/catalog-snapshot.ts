// What the RECOMMEND pipeline scores from, read once per process that executes a run: every repository (facts,
// vector, content hash) and every contribution, as the dense arrays of interaction-data.ts, with the maps
// between those indices and the database's ids. ~42k repositories and ~129k contributions take a few seconds and
// ~100 MB (the vectors are most of it).
import type { SqlDriver } from '../../../infra/db/database.js';
import { buildInteractionData, type InteractionData, type RepositoryFacts } from '../signals/interaction-data.js';

const PAGE = 5_000;
const CONTRIBUTION_PAGE = 50_000;

export interface CatalogSnapshot {
  data: InteractionData;
  repoIds: readonly number[];
  repoIndex: ReadonlyMap<number, number>;
  vectors: ReadonlyArray<Float32Array | null>;
  /** The stored vector's content hash per repository (null: no vector). */
  embeddingHashes: ReadonlyArray<string | null>;
  /** User database id → user index in `data` (users with at least one contribution only). */
  userIndex: ReadonlyMap<number, number>;
  userIds: readonly number[];
}

interface RepositoryRow {
  id: number;
  full_name: string;
  owner: string;
  name: string;
  description: string | null;
  language: string | null;
  topics: string[];
  stars: number;
  pushed_at: Date | string | null;
  embedding: string | null;
  embedding_hash: string | null;
}

/** pgvector's text form "[0.1,0.2,…]" as float32 (JSON.parse is the fastest number parser Node has). */
export const parseVector = (text: string | null): Float32Array | null =>
  text === null ? null : new Float32Array(JSON.parse(text) as number[]);

export async function loadCatalogSnapshot(sql: SqlDriver, signal?: AbortSignal): Promise<CatalogSnapshot> {
  const facts: RepositoryFacts[] = [];
  const repoIds: number[] = [];
  const vectors: Array<Float32Array | null> = [];
  const embeddingHashes: Array<string | null> = [];
  for (let after = 0; ;) {
    signal?.throwIfAborted();
    const rows = await sql.query<RepositoryRow>(
      `SELECT r.id, r.full_name, u.login AS owner, r.name, r.description, r.language, r.topics, r.stars,
              COALESCE(r.pushed_at, r.updated_at) AS pushed_at, r.embedding::text AS embedding, r.embedding_hash
         FROM repositories r JOIN users u ON u.id = r.owner_id
        WHERE r.id > $1 ORDER BY r.id LIMIT $2`,
      [after, PAGE],
    );
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      repoIds.push(row.id);
      facts.push({
        fullName: row.full_name,
        owner: row.owner,
        name: row.name,
        description: row.description,
        language: row.language,
        topics: row.topics,
        stars: row.stars,
        pushedAt: row.pushed_at === null ? null : new Date(row.pushed_at).getTime(),
      });
      vectors.push(parseVector(row.embedding));
      embeddingHashes.push(row.embedding === null ? null : row.embedding_hash);
    }
  }
  const fullNameOf = new Map(repoIds.map((id, i) => [id, facts[i]!.fullName]));
  const pairs: Array<{ user: string; repo: string }> = [];
  for (let after = 0; ;) {
    signal?.throwIfAborted();
    const rows = await sql.query<{ id: number; user_id: number; repository_id: number }>(
      'SELECT id, user_id, repository_id FROM contributions WHERE id > $1 ORDER BY id LIMIT $2',
      [after, CONTRIBUTION_PAGE],
    );
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const repo = fullNameOf.get(row.repository_id);
      if (repo !== undefined) pairs.push({ user: String(row.user_id), repo });
    }
  }
  const data = buildInteractionData(facts, pairs);
  const userIds = data.users.map(Number);
  return {
    data,
    repoIds,
    repoIndex: new Map(repoIds.map((id, i) => [id, i])),
    vectors,
    embeddingHashes,
    userIndex: new Map(userIds.map((id, u) => [id, u])),
    userIds,
  };
}
