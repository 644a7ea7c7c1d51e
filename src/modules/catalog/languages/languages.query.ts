// Language list requests: filter (name keywords, minimum repository count), ordering, page. The conditions read
// the grouped rows (`l`, see languages.service.ts): a few hundred languages, so no index is needed beyond the
// one the grouping already reads.
import { Prisma } from '../../../generated/prisma/client.js';
import { countBound } from '../../../lib/bounds.js';
import {
  listQuery,
  sortColumn,
  type ListQuery,
  type OrderDirection,
  type PageArgs,
  type SortColumn,
} from '../../../lib/keyset/index.js';
import { keywordQuery, matchesSql } from '../../../lib/search/keyword-query.js';

export const LanguageOrderField = {
  REPOSITORY_COUNT: 'REPOSITORY_COUNT',
  TOTAL_STARS: 'TOTAL_STARS',
  NAME: 'NAME',
} as const;
export type LanguageOrderField = (typeof LanguageOrderField)[keyof typeof LanguageOrderField];

export interface LanguageFilterInput {
  text?: string | null;
  minRepositoryCount?: number | null;
}

export interface LanguageListRequest extends PageArgs {
  filter?: LanguageFilterInput | null;
  orderBy?: { field: LanguageOrderField; direction?: OrderDirection | null } | null;
}

const KEYS: Record<LanguageOrderField, (direction: OrderDirection) => SortColumn> = {
  REPOSITORY_COUNT: (direction) => sortColumn(Prisma.sql`l.repository_count`, 'int', direction),
  TOTAL_STARS: (direction) => sortColumn(Prisma.sql`l.total_stars`, 'float', direction),
  NAME: (direction) => sortColumn(Prisma.sql`lower(l.name)`, 'text', direction),
};

export function languageConditions(filter: LanguageFilterInput | null | undefined): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (!filter) return where;
  const { text, minRepositoryCount } = filter;
  if (text != null) {
    // The same keyword rule as the catalog's `filter.text` (each word a prefix of a word, all required, the
    // 'simple' parser), over the name alone: "type" finds TypeScript, "script" does not.
    const search = keywordQuery(text, 'filter.text');
    where.push(matchesSql(Prisma.sql`to_tsvector('simple', l.name)`, search));
  }
  if (minRepositoryCount != null) {
    where.push(Prisma.sql`l.repository_count >= ${countBound(minRepositoryCount, 'filter.minRepositoryCount')}::int`);
  }
  return where;
}

/** Default: most repositories first. Names ascend unless asked otherwise; ties broken by the exact name. */
export function languageListQuery(request: LanguageListRequest): ListQuery {
  const field = request.orderBy?.field ?? LanguageOrderField.REPOSITORY_COUNT;
  const direction = request.orderBy?.direction ?? (field === LanguageOrderField.NAME ? 'ASC' : 'DESC');
  const columns = [KEYS[field](direction), sortColumn(Prisma.sql`l.name`, 'text', 'ASC')];
  const ordering = { name: `language.${field.toLowerCase()}.${direction.toLowerCase()}`, columns };
  return listQuery(languageConditions(request.filter), ordering, request, request.filter);
}
