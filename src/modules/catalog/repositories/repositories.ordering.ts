// The orderings of repository lists. Each is total: ties are broken by id (ascending whatever the direction),
// and nullable dates sort last in both directions (lib/keyset).
import { Prisma } from '../../../generated/prisma/client.js';
import { badInput } from '../../../errors.js';
import { type OrderDirection, sortColumn, type Ordering, type SortColumn } from '../../../lib/keyset/index.js';
import { rankSql } from '../../../lib/search/keyword-query.js';

export const RepositoryOrderField = {
  STARS: 'STARS',
  FORKS: 'FORKS',
  UPDATED_AT: 'UPDATED_AT',
  PUSHED_AT: 'PUSHED_AT',
  CREATED_AT: 'CREATED_AT',
  NAME: 'NAME',
  RELEVANCE: 'RELEVANCE',
} as const;
export type RepositoryOrderField = (typeof RepositoryOrderField)[keyof typeof RepositoryOrderField];

export interface RepositoryOrderInput {
  field: RepositoryOrderField;
  direction?: OrderDirection | null;
}

export const DEFAULT_REPOSITORY_ORDER: RepositoryOrderInput = { field: 'STARS', direction: 'DESC' };

type Key = Pick<SortColumn, 'sql' | 'kind' | 'nullable'>;
const KEYS: Record<Exclude<RepositoryOrderField, 'RELEVANCE'>, Key> = {
  STARS: { sql: Prisma.sql`r.stars`, kind: 'int', nullable: false },
  FORKS: { sql: Prisma.sql`r.forks`, kind: 'int', nullable: false },
  UPDATED_AT: { sql: Prisma.sql`r.updated_at`, kind: 'timestamp', nullable: true },
  PUSHED_AT: { sql: Prisma.sql`r.pushed_at`, kind: 'timestamp', nullable: true },
  CREATED_AT: { sql: Prisma.sql`r.created_at`, kind: 'timestamp', nullable: true },
  // Case-insensitive, as GitHub lists names, and the same on every database collation.
  NAME: { sql: Prisma.sql`lower(r.name)`, kind: 'text', nullable: false },
};

/** Names ascend, everything else (counts, dates, relevance) descends unless asked otherwise. */
export const defaultDirection = (field: string): OrderDirection => (field === 'NAME' ? 'ASC' : 'DESC');

const byId = sortColumn(Prisma.sql`r.id`, 'int', 'ASC');

/** `search` is the tsquery of the text filter: RELEVANCE needs one. */
export function repositoryOrdering(order: RepositoryOrderInput | null | undefined, search: string | null): Ordering {
  const field = order?.field ?? DEFAULT_REPOSITORY_ORDER.field;
  const direction = order?.direction ?? defaultDirection(field);
  const name = `repository.${field.toLowerCase()}.${direction.toLowerCase()}`;
  if (field === 'RELEVANCE') {
    if (search === null) {
      throw badInput('"orderBy: RELEVANCE" ranks keyword matches: give "filter.text" as well', {
        argument: 'orderBy',
      });
    }
    const rank = sortColumn(rankSql(Prisma.sql`r.search_vector`, search), 'float', direction);
    return { name, columns: [rank, sortColumn(Prisma.sql`r.stars`, 'int', direction), byId] };
  }
  const key = KEYS[field];
  return { name, columns: [sortColumn(key.sql, key.kind, direction, { nullable: key.nullable }), byId] };
}
