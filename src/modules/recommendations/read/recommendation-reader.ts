// What reading recommendations needs from the database, many users per statement: their published lists, and
// the profile their reasons refer to (the languages and topics of the repositories they contribute to).
import type { SqlDriver } from '../../../infra/db/database.js';
import type { ListStore, Publication, PublishedList } from '../lists/list-store.js';

export interface ReaderProfile {
  languages: ReadonlySet<string>;
  topics: ReadonlySet<string>;
  contributions: number;
}

export class RecommendationReader {
  constructor(
    private readonly sql: SqlDriver,
    private readonly store: ListStore,
  ) {}

  publication(): Promise<Publication | null> {
    return this.store.publication();
  }

  lists(userIds: readonly number[]): Promise<Map<number, PublishedList>> {
    return this.store.publishedLists(userIds);
  }

  /** The own text (name, bio, company) of those of these users who contribute nothing. */
  async textsOfNonContributors(userIds: readonly number[]): Promise<Array<{ id: number; text: string }>> {
    const rows = await this.sql.query<{ id: number; text: string }>(
      `SELECT u.id, concat_ws(' ', u.name, u.bio, u.company) AS text FROM users u
        WHERE u.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM contributions c WHERE c.user_id = u.id)`,
      [userIds],
    );
    return rows;
  }

  async profiles(userIds: readonly number[]): Promise<Map<number, ReaderProfile>> {
    const rows = await this.sql.query<{ user_id: number; language: string | null; topics: string[] }>(
      `SELECT c.user_id, r.language, r.topics
         FROM contributions c JOIN repositories r ON r.id = c.repository_id
        WHERE c.user_id = ANY($1::int[])`,
      [userIds],
    );
    const profiles = new Map<number, { languages: Set<string>; topics: Set<string>; contributions: number }>(
      userIds.map((id) => [id, { languages: new Set(), topics: new Set(), contributions: 0 }]),
    );
    for (const row of rows) {
      const profile = profiles.get(row.user_id)!;
      profile.contributions += 1;
      if (row.language) profile.languages.add(row.language);
      for (const topic of row.topics) profile.topics.add(topic);
    }
    return profiles;
  }
}
