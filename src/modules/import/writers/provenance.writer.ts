// Provenance lines complete repositories already imported: they UPDATE by full name and never create a
// repository (a line for an unknown one is rejected). Unknown (null) values never erase known ones.
import type { SqlDriver } from '../../../infra/db/index.js';
import { nameKey } from '../github-names.js';
import type { BatchOutcome, NumberedRecord, RecordKind } from '../record-kind.js';
import { provenanceRecord, type ProvenanceRecord } from '../records/provenance.record.js';
import { unnestSource, batchParams, type BatchColumn } from '../sql/batch-source.js';
import { sqlTimestamp, textArrayLiteral } from '../sql/sql-values.js';
import { githubIdConflicts } from './github-id-guard.js';

type Resolved = ProvenanceRecord & { readonly id: number };

const params: readonly BatchColumn<Resolved>[] = [
  { name: 'id', type: 'int', get: (p) => p.id },
  { name: 'pushed_at', type: 'timestamp(3)', get: (p) => sqlTimestamp(p.pushedAt) },
  { name: 'open_issues', type: 'int', get: (p) => p.openIssues },
  { name: 'github_id', type: 'text', get: (p) => p.githubId },
  { name: 'former_names', type: 'text', get: (p) => textArrayLiteral(p.formerNames) },
  { name: 'stats_as_of', type: 'timestamp(3)', get: (p) => sqlTimestamp(p.statsAsOf) },
];

const NEW_VALUES = [
  'COALESCE(v.pushed_at, r.pushed_at)',
  'COALESCE(v.open_issues, r.open_issues)',
  'COALESCE(v.github_id::bigint, r.github_id)',
  'COALESCE(v.former_names::text[], r.former_names)',
  'COALESCE(v.stats_as_of, r.stats_as_of)',
];
const COLUMNS = ['pushed_at', 'open_issues', 'github_id', 'former_names', 'stats_as_of'];

const UPDATE = `UPDATE repositories AS r
SET ${COLUMNS.map((column, i) => `${column} = ${NEW_VALUES[i]}`).join(', ')}, synced_at = CURRENT_TIMESTAMP
FROM (${unnestSource(params)}) AS v
WHERE r.id = v.id AND (${COLUMNS.map((column) => `r.${column}`).join(', ')}) IS DISTINCT FROM (${NEW_VALUES.join(', ')})
RETURNING r.id`;

async function writeProvenance(
  tx: SqlDriver,
  rows: readonly NumberedRecord<ProvenanceRecord>[],
): Promise<BatchOutcome> {
  // A scalar subquery per key is one index probe each (see contributions.writer.ts).
  const found = await tx.query<{ key: string; id: number | null }>(
    'SELECT k.key, (SELECT id FROM repositories WHERE lower(full_name) = k.key) AS id FROM unnest($1::text[]) AS k(key)',
    [rows.map((row) => nameKey(row.record.fullName))],
  );
  const idByKey = new Map(found.flatMap((row) => (row.id === null ? [] : [[row.key, row.id] as const])));
  const conflicts = await githubIdConflicts(
    tx,
    rows.map(({ line, record }) => ({ line, fullName: record.fullName, githubId: record.githubId })),
  );

  const rejected: { line: number; reason: string }[] = [];
  const resolved: Resolved[] = [];
  for (const { line, record } of rows) {
    const id = idByKey.get(nameKey(record.fullName));
    const conflict = conflicts.get(line);
    if (id === undefined) rejected.push({ line, reason: `fullName: unknown repository "${record.fullName}"` });
    else if (conflict !== undefined) rejected.push({ line, reason: conflict });
    else resolved.push({ ...record, id });
  }
  const updated = resolved.length === 0 ? [] : await tx.query(UPDATE, batchParams(params, resolved));
  return { inserted: 0, updated: updated.length, unchanged: resolved.length - updated.length, rejected };
}

export const provenanceKind: RecordKind<ProvenanceRecord> = {
  kind: 'provenance',
  tables: ['repositories'],
  schema: provenanceRecord,
  key: (provenance) => nameKey(provenance.fullName),
  write: writeProvenance,
};
