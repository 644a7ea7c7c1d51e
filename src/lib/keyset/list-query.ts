// One list request (filter conditions, ordering, page arguments) checked once, with keys that say when two
// requests are the same: relation-list loaders batch the parents that ask the same thing (src/graphql/loaders).
import type { Prisma } from '../../generated/prisma/client.js';
import type { Ordering } from './ordering.js';
import type { KeysetPlan } from './page-query.js';
import { pageRequest, type PageArgs } from './page-request.js';
import { keysetPlan } from './page.js';

export interface ListQuery {
  readonly where: readonly Prisma.Sql[];
  readonly plan: KeysetPlan;
  /** Equal for requests that list the same page. */
  readonly key: string;
  /** Equal for requests that count the same list (same filter). */
  readonly countKey: string;
}

/** `filter` is what the conditions were made from (any JSON-able value): it keys the count. */
export function listQuery(
  where: readonly Prisma.Sql[],
  ordering: Ordering,
  page: PageArgs,
  filter: unknown,
): ListQuery {
  const { first, after, last, before } = page;
  const plan = keysetPlan(ordering, pageRequest({ first, after, last, before }));
  const countKey = JSON.stringify(filter ?? null);
  return { where, plan, countKey, key: JSON.stringify([countKey, ordering.name, first, after, last, before]) };
}
