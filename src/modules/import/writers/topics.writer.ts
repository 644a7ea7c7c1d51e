// Featured topics (github/explore). Topic rows for names merely seen on repositories are created by the
// repositories writer; a featured line later fills such a row in and marks it featured.
import type { SqlDriver } from '../../../infra/db/index.js';
import type { NumberedRecord, RecordKind } from '../record-kind.js';
import { topicRecord, type TopicRecord } from '../records/topic.record.js';
import { textArrayLiteral } from '../sql/sql-values.js';
import { upsertStatement } from '../sql/upsert-statement.js';

const upsertFeatured = upsertStatement<TopicRecord>({
  table: 'topics',
  conflictTarget: '(name)',
  params: [
    { name: 'name', type: 'text', get: (t) => t.name },
    { name: 'display_name', type: 'text', get: (t) => t.displayName },
    { name: 'short_description', type: 'text', get: (t) => t.shortDescription },
    { name: 'description', type: 'text', get: (t) => t.description },
    { name: 'aliases', type: 'text', get: (t) => textArrayLiteral(t.aliases) },
    { name: 'related', type: 'text', get: (t) => textArrayLiteral(t.related) },
    { name: 'url', type: 'text', get: (t) => t.url },
  ],
  columns: [
    { column: 'name', value: 'v.name', onConflict: 'keep' },
    { column: 'display_name', value: 'v.display_name', onConflict: 'keep-when-null' },
    { column: 'short_description', value: 'v.short_description', onConflict: 'keep-when-null' },
    { column: 'description', value: 'v.description', onConflict: 'keep-when-null' },
    { column: 'aliases', value: 'v.aliases::text[]', onConflict: 'overwrite' },
    { column: 'related', value: 'v.related::text[]', onConflict: 'overwrite' },
    { column: 'url', value: 'v.url', onConflict: 'keep-when-null' },
    { column: 'featured', value: 'true', onConflict: 'overwrite' },
  ],
});

async function writeTopics(tx: SqlDriver, rows: readonly NumberedRecord<TopicRecord>[]) {
  const records = rows.map((row) => row.record);
  return { ...(await upsertFeatured.run(tx, records)), rejected: [] };
}

export const topicsKind: RecordKind<TopicRecord> = {
  kind: 'topics',
  tables: ['topics'],
  schema: topicRecord,
  key: (topic) => topic.name,
  write: writeTopics,
};

/** Creates a plain (non-featured) row for each name that has none; returns how many it created. */
export async function ensureTopics(tx: SqlDriver, names: readonly string[]): Promise<number> {
  if (names.length === 0) return 0;
  const created = await tx.query(
    'INSERT INTO topics (name) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (name) DO NOTHING RETURNING id',
    [names],
  );
  return created.length;
}
