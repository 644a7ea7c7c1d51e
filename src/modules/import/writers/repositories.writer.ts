// Repositories by full name (case-insensitive, like GitHub: the conflict target is the lower(full_name) index).
// Within the batch's transaction it first creates what the rows refer to: a minimal user for each owner that has
// none, and a plain topic row for each topic name, so every Repository.topics entry has a Topic.
import type { SqlDriver } from '../../../infra/db/index.js';
import { nameKey } from '../github-names.js';
import type { BatchOutcome, NumberedRecord, RecordKind } from '../record-kind.js';
import { repositoryRecord, type RepositoryRecord } from '../records/repository.record.js';
import { sqlTimestamp, textArrayLiteral } from '../sql/sql-values.js';
import { upsertStatement } from '../sql/upsert-statement.js';
import { githubIdConflicts } from './github-id-guard.js';
import { ensureTopics } from './topics.writer.js';
import { ensureUsers } from './users.writer.js';

const upsertRepositories = upsertStatement<RepositoryRecord>({
  table: 'repositories',
  conflictTarget: '(lower(full_name))',
  params: [
    { name: 'full_name', type: 'text', get: (r) => r.fullName },
    { name: 'owner', type: 'text', get: (r) => r.owner },
    { name: 'name', type: 'text', get: (r) => r.name },
    { name: 'description', type: 'text', get: (r) => r.description },
    { name: 'language', type: 'text', get: (r) => r.language },
    { name: 'languages', type: 'text', get: (r) => (r.languages == null ? null : JSON.stringify(r.languages)) },
    { name: 'topics', type: 'text', get: (r) => textArrayLiteral(r.topics) },
    { name: 'stars', type: 'int', get: (r) => r.stars },
    { name: 'forks', type: 'int', get: (r) => r.forks },
    { name: 'license', type: 'text', get: (r) => r.license },
    { name: 'url', type: 'text', get: (r) => r.url },
    { name: 'homepage', type: 'text', get: (r) => r.homepage },
    { name: 'created_at', type: 'timestamp(3)', get: (r) => sqlTimestamp(r.createdAt) },
    { name: 'updated_at', type: 'timestamp(3)', get: (r) => sqlTimestamp(r.updatedAt) },
    { name: 'pushed_at', type: 'timestamp(3)', get: (r) => sqlTimestamp(r.pushedAt) },
    { name: 'open_issues', type: 'int', get: (r) => r.openIssues },
    { name: 'github_id', type: 'text', get: (r) => r.githubId },
    { name: 'former_names', type: 'text', get: (r) => textArrayLiteral(r.formerNames) },
    { name: 'stats_as_of', type: 'timestamp(3)', get: (r) => sqlTimestamp(r.statsAsOf) },
  ],
  columns: [
    { column: 'full_name', value: 'v.full_name', onConflict: 'overwrite' },
    // A scalar subquery per row: one index probe each, where a join is planned as a scan of all users.
    {
      column: 'owner_id',
      value: '(SELECT id FROM users WHERE lower(login) = lower(v.owner))',
      onConflict: 'overwrite',
    },
    { column: 'name', value: 'v.name', onConflict: 'overwrite' },
    { column: 'description', value: 'v.description', onConflict: 'keep-when-null' },
    { column: 'language', value: 'v.language', onConflict: 'keep-when-null' },
    { column: 'languages', value: 'v.languages::jsonb', onConflict: 'keep-when-null' },
    {
      column: 'topics',
      value: 'v.topics::text[]',
      onConflict: 'keep-when-null',
      whenNull: { insert: `'{}'`, isNull: (r) => r.topics === null },
    },
    { column: 'stars', value: 'v.stars', onConflict: 'overwrite' },
    { column: 'forks', value: 'v.forks', onConflict: 'overwrite' },
    { column: 'license', value: 'v.license', onConflict: 'keep-when-null' },
    { column: 'url', value: 'v.url', onConflict: 'keep-when-null' },
    { column: 'homepage', value: 'v.homepage', onConflict: 'keep-when-null' },
    { column: 'created_at', value: 'v.created_at', onConflict: 'keep-when-null' },
    { column: 'updated_at', value: 'v.updated_at', onConflict: 'keep-when-null' },
    { column: 'pushed_at', value: 'v.pushed_at', onConflict: 'keep-when-null' },
    { column: 'open_issues', value: 'v.open_issues', onConflict: 'keep-when-null' },
    { column: 'github_id', value: 'v.github_id::bigint', onConflict: 'keep-when-null' },
    {
      column: 'former_names',
      value: 'v.former_names::text[]',
      onConflict: 'keep-when-null',
      whenNull: { insert: `'{}'`, isNull: (r) => r.formerNames === null },
    },
    { column: 'stats_as_of', value: 'v.stats_as_of', onConflict: 'keep-when-null' },
  ],
  touch: ['synced_at'],
});

async function writeRepositories(
  tx: SqlDriver,
  rows: readonly NumberedRecord<RepositoryRecord>[],
): Promise<BatchOutcome> {
  const conflicts = await githubIdConflicts(
    tx,
    rows.map(({ line, record }) => ({ line, fullName: record.fullName, githubId: record.githubId })),
  );
  const accepted = rows.filter((row) => !conflicts.has(row.line)).map((row) => row.record);
  const owners = await ensureUsers(
    tx,
    accepted.map((repository) => repository.owner),
  );
  const topics = await ensureTopics(tx, [...new Set(accepted.flatMap((repository) => repository.topics ?? []))]);
  return {
    ...(await upsertRepositories.run(tx, accepted)),
    rejected: [...conflicts].map(([line, reason]) => ({ line, reason })),
    derived: { owners, topics },
  };
}

export const repositoriesKind: RecordKind<RepositoryRecord> = {
  kind: 'repositories',
  tables: ['users', 'topics', 'repositories'],
  schema: repositoryRecord,
  key: (repository) => nameKey(repository.fullName),
  write: writeRepositories,
};
