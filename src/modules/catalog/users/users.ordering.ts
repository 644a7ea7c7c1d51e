// The orderings of user lists; ties broken by id, unknown follower counts and dates last (lib/keyset).
import { Prisma } from '../../../generated/prisma/client.js';
import { badInput } from '../../../errors.js';
import { sortColumn, type OrderDirection, type Ordering, type SortColumn } from '../../../lib/keyset/index.js';
import { rankSql } from '../../../lib/search/keyword-query.js';

export const UserOrderField = {
  FOLLOWERS: 'FOLLOWERS',
  PUBLIC_REPOS: 'PUBLIC_REPOS',
  CREATED_AT: 'CREATED_AT',
  LOGIN: 'LOGIN',
  RELEVANCE: 'RELEVANCE',
} as const;
export type UserOrderField = (typeof UserOrderField)[keyof typeof UserOrderField];

export interface UserOrderInput {
  field: UserOrderField;
  direction?: OrderDirection | null;
}

type Key = Pick<SortColumn, 'sql' | 'kind' | 'nullable'>;
const KEYS: Record<Exclude<UserOrderField, 'RELEVANCE'>, Key> = {
  FOLLOWERS: { sql: Prisma.sql`u.followers`, kind: 'int', nullable: true },
  PUBLIC_REPOS: { sql: Prisma.sql`u.public_repos`, kind: 'int', nullable: true },
  CREATED_AT: { sql: Prisma.sql`u.created_at`, kind: 'timestamp', nullable: true },
  LOGIN: { sql: Prisma.sql`lower(u.login)`, kind: 'text', nullable: false },
};

const byId = sortColumn(Prisma.sql`u.id`, 'int', 'ASC');

/** Default: most followed first. Logins ascend, everything else descends unless asked otherwise. */
export function userOrdering(order: UserOrderInput | null | undefined, search: string | null): Ordering {
  const field = order?.field ?? 'FOLLOWERS';
  const direction = order?.direction ?? (field === 'LOGIN' ? 'ASC' : 'DESC');
  const name = `user.${field.toLowerCase()}.${direction.toLowerCase()}`;
  if (field === 'RELEVANCE') {
    if (search === null) {
      throw badInput('"orderBy: RELEVANCE" ranks keyword matches: give "filter.text" as well', {
        argument: 'orderBy',
      });
    }
    const rank = sortColumn(rankSql(Prisma.sql`u.search_vector`, search), 'float', direction);
    return { name, columns: [rank, byId] };
  }
  const key = KEYS[field];
  return { name, columns: [sortColumn(key.sql, key.kind, direction, { nullable: key.nullable }), byId] };
}
