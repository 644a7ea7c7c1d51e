// Validators of conditional requests (ETag, Last-Modified), kept in the database next to the data they vouch for.
// `save` runs in the caller's transaction, the one writing the rows made from the same responses: a validator is
// never stored without its data, so GitHub's 304 for it always means "what you have is current".
import type { SqlDriver } from '../db/index.js';

export interface Validators {
  /** The request they belong to, e.g. "GET /repos/octocat/Hello-World". */
  readonly key: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface EtagStore {
  get(key: string): Promise<Validators | undefined>;
  /** Stores (or replaces) validators inside `tx`. Entries with neither validator are ignored. */
  save(tx: SqlDriver, validators: readonly Validators[]): Promise<void>;
}

const UPSERT = `INSERT INTO github_etags (key, etag, last_modified)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
  fetched_at = CURRENT_TIMESTAMP`;

export class DatabaseEtagStore implements EtagStore {
  constructor(private readonly sql: SqlDriver) {}

  async get(key: string): Promise<Validators | undefined> {
    const [row] = await this.sql.query<{ etag: string | null; last_modified: string | null }>(
      'SELECT etag, last_modified FROM github_etags WHERE key = $1',
      [key],
    );
    return row ? { key, etag: row.etag, lastModified: row.last_modified } : undefined;
  }

  async save(tx: SqlDriver, validators: readonly Validators[]): Promise<void> {
    // One row per key (ON CONFLICT cannot touch a row twice in one statement): the last one wins.
    const byKey = new Map(
      validators.filter((v) => v.etag !== null || v.lastModified !== null).map((v) => [v.key, v] as const),
    );
    if (byKey.size === 0) return;
    const rows = [...byKey.values()];
    await tx.query(UPSERT, [rows.map((v) => v.key), rows.map((v) => v.etag), rows.map((v) => v.lastModified)]);
  }
}
