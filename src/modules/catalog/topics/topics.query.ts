// Topic list requests: filter (keyword text, featured), ordering (name, repository count, relevance), page.
import { Prisma } from '../../../generated/prisma/client.js';
import { badInput } from '../../../errors.js';
import {
  listQuery,
  sortColumn,
  type ListQuery,
  type OrderDirection,
  type PageArgs,
} from '../../../lib/keyset/index.js';
import { keywordQuery, matchesSql, rankSql } from '../../../lib/search/keyword-query.js';

export const TopicOrderField = { NAME: 'NAME', REPOSITORY_COUNT: 'REPOSITORY_COUNT', RELEVANCE: 'RELEVANCE' } as const;
export type TopicOrderField = (typeof TopicOrderField)[keyof typeof TopicOrderField];

export interface TopicFilterInput {
  text?: string | null;
  /** Only topics GitHub features (github/explore), or only those it does not. */
  featured?: boolean | null;
}

export interface TopicOrderInput {
  field: TopicOrderField;
  direction?: OrderDirection | null;
}

export interface TopicListRequest extends PageArgs {
  filter?: TopicFilterInput | null;
  orderBy?: TopicOrderInput | null;
}

const byName = sortColumn(Prisma.sql`t.name`, 'text', 'ASC');

export interface TopicListQuery extends ListQuery {
  /** The ordering needs each topic's repository count. */
  readonly countsRepositories: boolean;
}

export function topicListQuery(request: TopicListRequest): TopicListQuery {
  const { filter, orderBy } = request;
  const where: Prisma.Sql[] = [];
  if (filter?.featured != null) where.push(Prisma.sql`t.featured = ${filter.featured}::boolean`);
  const search = filter?.text != null ? keywordQuery(filter.text, 'filter.text') : null;
  if (search !== null) where.push(matchesSql(Prisma.sql`t.search_vector`, search));

  const field = orderBy?.field ?? TopicOrderField.NAME;
  const direction = orderBy?.direction ?? (field === TopicOrderField.NAME ? 'ASC' : 'DESC');
  const name = `topic.${field.toLowerCase()}.${direction.toLowerCase()}`;
  let columns;
  if (field === TopicOrderField.NAME) columns = [sortColumn(Prisma.sql`t.name`, 'text', direction)];
  else if (field === TopicOrderField.REPOSITORY_COUNT)
    columns = [sortColumn(Prisma.sql`t.repository_count`, 'int', direction), byName];
  else {
    if (search === null) {
      throw badInput('"orderBy: RELEVANCE" ranks keyword matches: give "filter.text" as well', {
        argument: 'orderBy',
      });
    }
    columns = [sortColumn(rankSql(Prisma.sql`t.search_vector`, search), 'float', direction), byName];
  }
  return {
    ...listQuery(where, { name, columns }, request, filter),
    countsRepositories: field === TopicOrderField.REPOSITORY_COUNT,
  };
}
