// Where recommendation lists live (the recommendation_lists migration): each run writes its own rows, and the
// single publication row says which run readers see. Publishing is one statement, so readers move from the
// previous complete set to the new complete set at once; a run that fails or is cancelled never becomes visible.
import type { SqlDriver } from '../../../infra/db/database.js';
import type { Weights } from '../signals/signal-set.js';

/**
 * A number array in PostgreSQL's text form ("{1,2,3}"), cast by the statement: the driver's own array encoding
 * escapes element by element, ~10 s of a full run's 550 values per list × 98k lists.
 */
const numberArray = (values: readonly number[]) => `{${values.join(',')}}`;

/** Components are stored as smallints: [0, 1] × COMPONENT_SCALE (four decimals). */
export const COMPONENT_SCALE = 10_000;

export interface StoredList {
  userId: number;
  fingerprint: string;
  /** The run that scored it (set on write; a copied list keeps its own). */
  scoredIn?: string;
  repositoryIds: number[];
  scores: number[];
  /** SIGNALS.length per item, each in [0, COMPONENT_SCALE]. */
  components: number[];
  viaRepositoryIds: number[];
  sharedContributors: number[];
}

/** A list of the published run, with the ranker weights it was scored with. */
export interface PublishedList extends StoredList {
  runId: string;
  weights: Weights;
  /** Made from the user's profile (they contribute nothing), not scored by a run. */
  fromProfile?: boolean;
}

export interface Publication {
  runId: string;
  publishedAt: Date;
  encoder: string;
  ranker: string;
  weights: Weights;
  users: number;
}

const LIST_COLUMNS =
  'run_id, user_id, fingerprint, scored_in, repository_ids, scores, components, via_repository_ids, shared_contributors';
/** Rows per INSERT: 8 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 500;

export class ListStore {
  constructor(private readonly sql: SqlDriver) {}

  async publication(): Promise<Publication | null> {
    const [row] = await this.sql.query<PublicationRow>(`SELECT ${PUBLICATION_COLUMNS} FROM recommendation_publication`);
    return row ? fromPublicationRow(row) : null;
  }

  /** The published lists of these users (absent: none published for them). */
  async publishedLists(userIds: readonly number[]): Promise<Map<number, PublishedList>> {
    const rows = await this.sql.query<ListRow & { run_id: string; weights: Weights }>(
      `SELECT l.run_id, p.weights, ${RETURNED_COLUMNS}
         FROM recommendation_lists l JOIN recommendation_publication p ON p.run_id = l.run_id
        WHERE l.user_id = ANY($1::int[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, { ...fromRow(row), runId: row.run_id, weights: row.weights }]));
  }

  /** Fingerprints of a run's lists for users in [first, last]. */
  async fingerprints(runId: string, first: number, last: number): Promise<Map<number, string>> {
    const rows = await this.sql.query<{ user_id: number; fingerprint: string }>(
      'SELECT user_id, fingerprint FROM recommendation_lists WHERE run_id = $1 AND user_id BETWEEN $2 AND $3',
      [runId, first, last],
    );
    return new Map(rows.map((row) => [row.user_id, row.fingerprint]));
  }

  /** Writes `lists` for `runId` and copies the lists of `copied` users from run `from`, in `tx`. */
  async write(
    tx: SqlDriver,
    runId: string,
    lists: readonly StoredList[],
    copy?: { from: string; userIds: readonly number[] },
  ): Promise<void> {
    for (let start = 0; start < lists.length; start += ROWS_PER_INSERT) {
      const chunk = lists.slice(start, start + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const values = chunk.map((list) => {
        const at = params.length;
        params.push(
          runId,
          list.userId,
          list.fingerprint,
          numberArray(list.repositoryIds),
          numberArray(list.scores),
          numberArray(list.components),
          numberArray(list.viaRepositoryIds),
          numberArray(list.sharedContributors),
        );
        return `($${at + 1}::uuid, $${at + 2}::int, $${at + 3}, $${at + 1}::uuid, $${at + 4}::int[], $${at + 5}::real[], $${at + 6}::smallint[], $${at + 7}::int[], $${at + 8}::smallint[])`;
      });
      await tx.query(`INSERT INTO recommendation_lists (${LIST_COLUMNS}) VALUES ${values.join(', ')}`, params);
    }
    if (copy && copy.userIds.length > 0)
      await tx.query(
        `INSERT INTO recommendation_lists (${LIST_COLUMNS})
         SELECT $1::uuid, user_id, fingerprint, scored_in, repository_ids, scores, components, via_repository_ids,
                shared_contributors
           FROM recommendation_lists WHERE run_id = $2 AND user_id = ANY($3::int[])`,
        [runId, copy.from, copy.userIds],
      );
  }

  /** Makes `runId` the run readers see, then drops every other run's lists (the previous set included). */
  async publish(runId: string, meta: { encoder: string; ranker: string; weights: Weights }): Promise<Publication> {
    const [row] = await this.sql.query<PublicationRow>(
      `INSERT INTO recommendation_publication (id, run_id, published_at, encoder, ranker, weights, users)
       SELECT TRUE, $1, CURRENT_TIMESTAMP, $2, $3, $4::jsonb, count(*)::int FROM recommendation_lists WHERE run_id = $1
       ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, published_at = EXCLUDED.published_at,
              encoder = EXCLUDED.encoder, ranker = EXCLUDED.ranker, weights = EXCLUDED.weights, users = EXCLUDED.users
       RETURNING ${PUBLICATION_COLUMNS}`,
      [runId, meta.encoder, meta.ranker, JSON.stringify(meta.weights)],
    );
    await this.discardAllBut(runId);
    return fromPublicationRow(row!);
  }

  /** Drops the lists of every run but `keep` (a failed or cancelled run's partial set, superseded sets). */
  async discardAllBut(keep: string | null): Promise<void> {
    await this.sql.query(
      `DELETE FROM recommendation_lists WHERE run_id IS DISTINCT FROM $1::uuid
          AND run_id IS DISTINCT FROM (SELECT run_id FROM recommendation_publication)`,
      [keep],
    );
  }
}

interface PublicationRow {
  run_id: string;
  published_at: Date;
  encoder: string;
  ranker: string;
  weights: Weights;
  users: number;
}

const PUBLICATION_COLUMNS = 'run_id, published_at, encoder, ranker, weights, users';

const fromPublicationRow = (row: PublicationRow): Publication => ({
  runId: row.run_id,
  publishedAt: new Date(row.published_at),
  encoder: row.encoder,
  ranker: row.ranker,
  weights: row.weights,
  users: row.users,
});

interface ListRow {
  user_id: number;
  fingerprint: string;
  scored_in: string;
  repository_ids: number[];
  scores: number[];
  components: number[];
  via_repository_ids: number[];
  shared_contributors: number[];
}

const RETURNED_COLUMNS =
  'l.user_id, l.fingerprint, l.scored_in, l.repository_ids, l.scores, l.components, l.via_repository_ids, l.shared_contributors';

const fromRow = (row: ListRow): StoredList => ({
  userId: row.user_id,
  fingerprint: row.fingerprint,
  scoredIn: row.scored_in,
  repositoryIds: row.repository_ids,
  scores: row.scores.map(Number),
  components: row.components,
  viaRepositoryIds: row.via_repository_ids,
  sharedContributors: row.shared_contributors,
});
