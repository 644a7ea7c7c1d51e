// Contributions name their user by login and their repository by full name. Both are resolved to ids with one
// query per batch; a line whose user or repository is not in the database is rejected (reported), never guessed.
import type { SqlDriver } from '../../../infra/db/index.js';
import { nameKey } from '../github-names.js';
import type { BatchOutcome, LineRejection, NumberedRecord, RecordKind } from '../record-kind.js';
import { contributionRecord, type ContributionRecord } from '../records/contribution.record.js';
import { upsertStatement } from '../sql/upsert-statement.js';

interface ResolvedContribution {
  readonly userId: number;
  readonly repositoryId: number;
  readonly kind: ContributionRecord['kind'];
  readonly weight: number;
}

const upsertContributions = upsertStatement<ResolvedContribution>({
  table: 'contributions',
  conflictTarget: '(user_id, repository_id, kind)',
  params: [
    { name: 'user_id', type: 'int', get: (c) => c.userId },
    { name: 'repository_id', type: 'int', get: (c) => c.repositoryId },
    { name: 'kind', type: 'text', get: (c) => c.kind },
    { name: 'weight', type: 'float8', get: (c) => c.weight },
  ],
  columns: [
    { column: 'user_id', value: 'v.user_id', onConflict: 'keep' },
    { column: 'repository_id', value: 'v.repository_id', onConflict: 'keep' },
    { column: 'kind', value: 'v.kind::contribution_kind', onConflict: 'keep' },
    { column: 'weight', value: 'v.weight', onConflict: 'overwrite' },
  ],
});

// One scalar subquery per key: an index probe each. (A join or `= ANY(...)` is planned as a scan of the whole
// table once it is large, ten times slower for a batch of a thousand.)
const RESOLVE = `SELECT 'user' AS side, k.key, (SELECT id FROM users WHERE lower(login) = k.key) AS id
FROM unnest($1::text[]) AS k(key)
UNION ALL
SELECT 'repo' AS side, k.key, (SELECT id FROM repositories WHERE lower(full_name) = k.key) AS id
FROM unnest($2::text[]) AS k(key)`;

async function writeContributions(
  tx: SqlDriver,
  rows: readonly NumberedRecord<ContributionRecord>[],
): Promise<BatchOutcome> {
  const found = await tx.query<{ side: 'user' | 'repo'; key: string; id: number | null }>(RESOLVE, [
    [...new Set(rows.map((row) => nameKey(row.record.user)))],
    [...new Set(rows.map((row) => nameKey(row.record.repo)))],
  ]);
  const idsOf = (side: 'user' | 'repo') =>
    new Map(found.flatMap((row) => (row.side === side && row.id !== null ? [[row.key, row.id] as const] : [])));
  const users = idsOf('user');
  const repositories = idsOf('repo');

  const rejected: LineRejection[] = [];
  const resolved: ResolvedContribution[] = [];
  for (const { line, record } of rows) {
    const userId = users.get(nameKey(record.user));
    const repositoryId = repositories.get(nameKey(record.repo));
    const missing = [
      userId === undefined ? `user: unknown user "${record.user}"` : null,
      repositoryId === undefined ? `repo: unknown repository "${record.repo}"` : null,
    ].filter((reason): reason is string => reason !== null);
    if (userId === undefined || repositoryId === undefined) rejected.push({ line, reason: missing.join('; ') });
    else resolved.push({ userId, repositoryId, kind: record.kind, weight: record.weight });
  }
  return { ...(await upsertContributions.run(tx, resolved)), rejected };
}

export const contributionsKind: RecordKind<ContributionRecord> = {
  kind: 'contributions',
  tables: ['contributions'],
  schema: contributionRecord,
  key: (c) => `${nameKey(c.user)} ${nameKey(c.repo)} ${c.kind}`,
  write: writeContributions,
};
