// User filters as SQL conditions over `users u`: text (GIN over search_vector), account type, follower range.
import { Prisma } from '../../../generated/prisma/client.js';
import { badInput } from '../../../errors.js';
import { countBound } from '../../../lib/bounds.js';
import { keywordQuery, matchesSql } from '../../../lib/search/keyword-query.js';

export const UserKind = { USER: 'USER', ORGANIZATION: 'ORGANIZATION', BOT: 'BOT' } as const;
export type UserKind = (typeof UserKind)[keyof typeof UserKind];

export interface UserFilterInput {
  text?: string | null;
  type?: UserKind | null;
  minFollowers?: number | null;
  maxFollowers?: number | null;
}

export interface UserConditions {
  readonly where: Prisma.Sql[];
  readonly search: string | null;
}

export function userConditions(filter: UserFilterInput | null | undefined): UserConditions {
  const where: Prisma.Sql[] = [];
  if (!filter) return { where, search: null };
  const { text, type, minFollowers, maxFollowers } = filter;
  if (type != null) where.push(Prisma.sql`u.type = ${type}::user_type`);
  if (minFollowers != null)
    where.push(Prisma.sql`u.followers >= ${countBound(minFollowers, 'filter.minFollowers')}::int`);
  if (maxFollowers != null)
    where.push(Prisma.sql`u.followers <= ${countBound(maxFollowers, 'filter.maxFollowers')}::int`);
  if (minFollowers != null && maxFollowers != null && minFollowers > maxFollowers) {
    throw badInput(`"filter.minFollowers" (${minFollowers}) is above "filter.maxFollowers" (${maxFollowers})`, {
      argument: 'filter.minFollowers',
    });
  }
  const search = text != null ? keywordQuery(text, 'filter.text') : null;
  if (search !== null) where.push(matchesSql(Prisma.sql`u.search_vector`, search));
  return { where, search };
}
