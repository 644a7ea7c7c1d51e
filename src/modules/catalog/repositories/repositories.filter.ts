// Repository filters as SQL conditions over `repositories r`, each served by an index: language (lower(language)),
// topics (GIN over the array), stars (stars, id), owner (users' lower(login) key), text (GIN over search_vector).
import { Prisma } from '../../../generated/prisma/client.js';
import { badInput } from '../../../errors.js';
import { countBound } from '../../../lib/bounds.js';
import { checkLogin, checkTopic } from '../../../lib/github-names.js';
import { keywordQuery, matchesSql } from '../../../lib/search/keyword-query.js';

export interface RepositoryTopicsFilterInput {
  all?: readonly string[] | null;
  any?: readonly string[] | null;
}

export interface RepositoryFilterInput {
  language?: string | null;
  topics?: RepositoryTopicsFilterInput | null;
  minStars?: number | null;
  maxStars?: number | null;
  updatedAfter?: Date | null;
  ownerLogin?: string | null;
  text?: string | null;
}

export interface RepositoryConditions {
  readonly where: Prisma.Sql[];
  /** The tsquery of `text`, when given: RELEVANCE ordering ranks by it. */
  readonly search: string | null;
}

const MAX_TOPICS = 20;

function topicList(names: readonly string[], argument: string): string[] {
  if (names.length === 0) throw badInput(`"${argument}" must name at least one topic`, { argument });
  if (names.length > MAX_TOPICS) throw badInput(`"${argument}" may name at most ${MAX_TOPICS} topics`, { argument });
  return [...new Set(names.map((name) => checkTopic(name, argument)))];
}

export function repositoryConditions(filter: RepositoryFilterInput | null | undefined): RepositoryConditions {
  const where: Prisma.Sql[] = [];
  if (!filter) return { where, search: null };
  const { language, topics, minStars, maxStars, updatedAfter, ownerLogin, text } = filter;
  if (language != null) {
    const trimmed = language.trim();
    if (trimmed.length === 0 || trimmed.length > 100) {
      throw badInput('"filter.language" must be a language name such as "TypeScript"', { argument: 'filter.language' });
    }
    where.push(Prisma.sql`lower(r.language) = lower(${trimmed}::text)`);
  }
  if (topics?.all != null) where.push(Prisma.sql`r.topics @> ${topicList(topics.all, 'filter.topics.all')}::text[]`);
  if (topics?.any != null) where.push(Prisma.sql`r.topics && ${topicList(topics.any, 'filter.topics.any')}::text[]`);
  if (minStars != null) where.push(Prisma.sql`r.stars >= ${countBound(minStars, 'filter.minStars')}::int`);
  if (maxStars != null) where.push(Prisma.sql`r.stars <= ${countBound(maxStars, 'filter.maxStars')}::int`);
  if (minStars != null && maxStars != null && minStars > maxStars) {
    throw badInput(`"filter.minStars" (${minStars}) is above "filter.maxStars" (${maxStars})`, {
      argument: 'filter.minStars',
    });
  }
  if (updatedAfter != null) where.push(Prisma.sql`r.updated_at > ${updatedAfter}::timestamp(3)`);
  if (ownerLogin != null) {
    const login = checkLogin(ownerLogin, 'filter.ownerLogin');
    where.push(Prisma.sql`r.owner_id = (SELECT u.id FROM users u WHERE lower(u.login) = lower(${login}::text))`);
  }
  const search = text != null ? keywordQuery(text, 'filter.text') : null;
  if (search !== null) where.push(matchesSql(Prisma.sql`r.search_vector`, search));
  return { where, search };
}
