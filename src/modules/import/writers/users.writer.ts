// Users by login. GitHub logins are case-insensitive and the table has a unique index on lower(login), so that
// expression is the conflict target: "Octocat" and "octocat" are one row, spelled as the latest line spells it.
import type { SqlDriver } from '../../../infra/db/index.js';
import { nameKey } from '../github-names.js';
import type { NumberedRecord, RecordKind } from '../record-kind.js';
import { userRecord, type UserRecord } from '../records/user.record.js';
import { sqlTimestamp } from '../sql/sql-values.js';
import { upsertStatement } from '../sql/upsert-statement.js';

const upsertUsers = upsertStatement<UserRecord>({
  table: 'users',
  conflictTarget: '(lower(login))',
  params: [
    { name: 'login', type: 'text', get: (u) => u.login },
    { name: 'type', type: 'text', get: (u) => u.type },
    { name: 'public_repos', type: 'int', get: (u) => u.publicRepos },
    { name: 'followers', type: 'int', get: (u) => u.followers },
    { name: 'following', type: 'int', get: (u) => u.following },
    { name: 'created_at', type: 'timestamp(3)', get: (u) => sqlTimestamp(u.createdAt) },
    { name: 'name', type: 'text', get: (u) => u.name ?? null },
    { name: 'bio', type: 'text', get: (u) => u.bio ?? null },
    { name: 'company', type: 'text', get: (u) => u.company ?? null },
    { name: 'location', type: 'text', get: (u) => u.location ?? null },
    { name: 'avatar_url', type: 'text', get: (u) => u.avatarUrl ?? null },
  ],
  columns: [
    { column: 'login', value: 'v.login', onConflict: 'overwrite' },
    {
      column: 'type',
      value: 'v.type::user_type',
      onConflict: 'keep-when-null',
      whenNull: { insert: `'USER'`, isNull: (u) => u.type === null },
    },
    { column: 'public_repos', value: 'v.public_repos', onConflict: 'keep-when-null' },
    { column: 'followers', value: 'v.followers', onConflict: 'keep-when-null' },
    { column: 'following', value: 'v.following', onConflict: 'keep-when-null' },
    { column: 'created_at', value: 'v.created_at', onConflict: 'keep-when-null' },
    { column: 'name', value: 'v.name', onConflict: 'keep-when-null' },
    { column: 'bio', value: 'v.bio', onConflict: 'keep-when-null' },
    { column: 'company', value: 'v.company', onConflict: 'keep-when-null' },
    { column: 'location', value: 'v.location', onConflict: 'keep-when-null' },
    { column: 'avatar_url', value: 'v.avatar_url', onConflict: 'keep-when-null' },
  ],
  touch: ['synced_at'],
});

async function writeUsers(tx: SqlDriver, rows: readonly NumberedRecord<UserRecord>[]) {
  const records = rows.map((row) => row.record);
  return { ...(await upsertUsers.run(tx, records)), rejected: [] };
}

export const usersKind: RecordKind<UserRecord> = {
  kind: 'users',
  tables: ['users'],
  schema: userRecord,
  key: (user) => nameKey(user.login),
  write: writeUsers,
};

/**
 * Makes sure each login has a row, creating a minimal one (login only, type USER) where none exists; an existing
 * row is left exactly as it is. Returns how many rows it created.
 */
export async function ensureUsers(tx: SqlDriver, logins: readonly string[]): Promise<number> {
  const distinct = [...new Map(logins.map((login) => [nameKey(login), login])).values()];
  if (distinct.length === 0) return 0;
  const created = await tx.query(
    'INSERT INTO users (login) SELECT unnest($1::text[]) ON CONFLICT (lower(login)) DO NOTHING RETURNING id',
    [distinct],
  );
  return created.length;
}
