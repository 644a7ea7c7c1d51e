// Recommendations for a profile instead of a user's contributions (visitors without an account, users who have
// not contributed yet): the candidates of profile-candidates.query.ts, their seven signals scaled like the
// pipeline's, ranked by the published ranker's weights (even weights before the first publish).
import { badInput } from '../../../errors.js';
import type { SqlDriver } from '../../../infra/db/database.js';
import type { TextEmbedder } from '../embeddings/text-embedder.js';
import { toVectorLiteral } from '../embeddings/text-embedder.js';
import { parseVector } from '../lists/catalog-snapshot.js';
import type { ListStore } from '../lists/list-store.js';
import { userVector } from '../lists/vectors.js';
import type { Components } from '../read/list-view.js';
import { SIGNALS, uniformWeights, type Weights } from '../signals/signal-set.js';
import { freshnessOf, popularityOf } from '../signals/static-signals.js';
import { PROFILE_CANDIDATES_SQL, type CandidateRow } from './profile-candidates.query.js';
import { TEXT_PROFILE_CANDIDATES_SQL } from './text-profiles.query.js';
import { SEARCH_EF_SEARCH } from '../search/hybrid-search.service.js';
import { withVectorScan } from '../similar/vector-scan.js';
import type { ProfileRequest } from './profile-request.js';

export interface ProfileItem {
  repositoryId: number;
  ownerId: number;
  score: number;
  rank: number;
  components: Components;
  /** The liked repository sharing the most contributors with this one, and how many. */
  via: { fullName: string; shared: number } | null;
  sharedTopics: string[];
  sharedLanguage: string | null;
  stars: number;
  pushedAt: Date | null;
}

export class ProfileRecommender {
  constructor(
    private readonly sql: SqlDriver,
    private readonly embedder: Pick<TextEmbedder, 'embed'>,
    private readonly store: ListStore,
  ) {}

  async recommend(request: ProfileRequest): Promise<{ items: ProfileItem[]; weights: Weights }> {
    const liked = await this.liked(request.liked);
    const [own] = await this.embedder.embed([
      { text: request.text, topics: request.topics, languages: request.languages },
    ]);
    const vector = userVector(
      liked.map((repository) => repository.vector),
      own ?? null,
    );
    const rows = await withVectorScan(this.sql, SEARCH_EF_SEARCH, (tx) =>
      tx.query<CandidateRow>(PROFILE_CANDIDATES_SQL, [
        liked.map((repository) => repository.id),
        [...new Set(liked.map((repository) => repository.ownerId))],
        request.topics,
        request.languages,
        vector ? toVectorLiteral(vector) : null,
      ]),
    );
    const weights = await this.weights();
    const items = scoreCandidates(rows, request, liked, weights);
    return { items: items.slice(0, request.first), weights };
  }

  /**
   * For each user, recommendations from their own text alone (users with no contribution), every user in one
   * statement; at most MAX_RECOMMENDATIONS each.
   */
  async fromTexts(
    users: ReadonlyArray<{ id: number; text: string }>,
    first: number,
  ): Promise<{ byUser: Map<number, ProfileItem[]>; weights: Weights }> {
    const vectors = await this.embedder.embed(users.map((user) => ({ text: user.text })));
    const rows = await withVectorScan(this.sql, SEARCH_EF_SEARCH, (tx) =>
      tx.query<CandidateRow & { user_id: number }>(TEXT_PROFILE_CANDIDATES_SQL, [
        users.map((user) => user.id),
        vectors.map((vector) => (vector ? toVectorLiteral(vector) : null)),
      ]),
    );
    const weights = await this.weights();
    const byUser = new Map<number, ProfileItem[]>(users.map((user) => [user.id, []]));
    const rowsOf = new Map<number, CandidateRow[]>();
    for (const row of rows) {
      const list = rowsOf.get(row.user_id);
      if (list) list.push(row);
      else rowsOf.set(row.user_id, [row]);
    }
    const empty = { languages: [], topics: [], text: '', liked: [], first };
    for (const [userId, candidates] of rowsOf)
      byUser.set(userId, scoreCandidates(candidates, empty, [], weights).slice(0, first));
    return { byUser, weights };
  }

  /** The published ranker's weights; even weights before the first publish. */
  private async weights(): Promise<Weights> {
    return (await this.store.publication())?.weights ?? uniformWeights();
  }

  private async liked(names: readonly string[]) {
    if (names.length === 0) return [];
    const rows = await this.sql.query<{ id: number; full_name: string; owner_id: number; embedding: string | null }>(
      'SELECT id, full_name, owner_id, embedding::text AS embedding FROM repositories WHERE lower(full_name) = ANY($1)',
      [names],
    );
    const found = new Set(rows.map((row) => row.full_name.toLowerCase()));
    const unknown = names.filter((name) => !found.has(name));
    if (unknown.length > 0)
      throw badInput(`likedRepositories: not in the catalog: ${unknown.join(', ')} (give owner/name)`, {
        argument: 'likedRepositories',
      });
    return rows.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      ownerId: row.owner_id,
      vector: parseVector(row.embedding),
    }));
  }
}

export function scoreCandidates(
  rows: readonly CandidateRow[],
  request: ProfileRequest,
  liked: ReadonlyArray<{ id: number; fullName: string; ownerId: number }>,
  weights: Weights,
): ProfileItem[] {
  const topics = new Set(request.topics);
  const languages = new Set(request.languages.map((language) => language.toLowerCase()));
  const likedNames = new Map(liked.map((repository) => [repository.id, repository.fullName]));
  const byOwner = new Map<number, number>();
  for (const repository of liked) byOwner.set(repository.ownerId, (byOwner.get(repository.ownerId) ?? 0) + 1);
  const overlap = (row: CandidateRow) => row.topics.filter((topic) => topics.has(topic));
  const maxShared = Math.max(1, ...rows.map((row) => row.shared));
  const maxOverlap = Math.max(1, ...rows.map((row) => overlap(row).length));
  const maxSimilarity = Math.max(1e-9, ...rows.map((row) => Number(row.similarity)));
  const items = rows.map((row) => {
    const shared = overlap(row);
    const newest = row.newest_push ? new Date(row.newest_push).getTime() : 0;
    const components: Components = {
      semantic: Math.max(0, Number(row.similarity)) / maxSimilarity,
      collaborative: row.shared / maxShared,
      owner: liked.length > 0 ? (byOwner.get(row.owner_id) ?? 0) / liked.length : 0,
      techStack: row.language && languages.has(row.language.toLowerCase()) ? 1 : 0,
      topics: shared.length / maxOverlap,
      popularity: popularityOf(row.stars, row.max_stars),
      freshness: freshnessOf(row.pushed_at ? new Date(row.pushed_at).getTime() : null, newest),
    };
    return {
      repositoryId: row.id,
      ownerId: row.owner_id,
      score: SIGNALS.reduce((sum, signal) => sum + weights[signal] * components[signal], 0),
      rank: 0,
      components,
      via: row.via !== null ? { fullName: likedNames.get(row.via)!, shared: row.via_shared } : null,
      sharedTopics: shared,
      sharedLanguage: components.techStack > 0 ? row.language : null,
      stars: row.stars,
      pushedAt: row.pushed_at ? new Date(row.pushed_at) : null,
    };
  });
  items.sort((a, b) => b.score - a.score || a.repositoryId - b.repositoryId);
  items.forEach((item, i) => (item.rank = i + 1));
  return items;
}
