// A user's tech stack: the languages and topics of the repositories they contributed to, each weighted by their
// contribution weight, as shares. Computed in SQL for every user of a request in one statement.
//   language share = weight on repositories in that language / weight on repositories with a known language
//   topic share    = each repository's weight split evenly over its topics, summed per topic / total
// so each list's shares sum to 1 over all entries (the top `limit` are returned). Only CONTRIBUTED counts: a star
// or a fork says interest, not experience, and their weights (1) are not on the same scale as contributions.
import { Prisma } from '../../../generated/prisma/client.js';
import { badInput } from '../../../errors.js';

export interface TechStackShare {
  readonly name: string;
  /** Fraction of the user's contribution weight, 0 to 1. */
  readonly share: number;
  /** The weight behind the share (contributions, split over topics for topics). */
  readonly weight: number;
  /** Repositories the user contributed to with this language or topic. */
  readonly repositoryCount: number;
}

export interface TechStackRecord {
  readonly languages: readonly TechStackShare[];
  readonly topics: readonly TechStackShare[];
}

export const DEFAULT_TECH_STACK_SIZE = 10;
export const MAX_TECH_STACK_SIZE = 50;

export function techStackSize(limit: number | null | undefined): number {
  const size = limit ?? DEFAULT_TECH_STACK_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_TECH_STACK_SIZE) {
    throw badInput(`"limit" must be between 1 and ${MAX_TECH_STACK_SIZE}; got ${size}`, { argument: 'limit' });
  }
  return size;
}

export interface TechStackRow extends TechStackShare {
  readonly dimension: 'language' | 'topic';
  readonly userId: number;
}

export function techStackSql(userIds: readonly number[], limit: number): Prisma.Sql {
  // `topic` is a boolean and names sort bytewise (COLLATE "C"): the window sorts thousands of entries for a
  // page of contributors, and locale-aware text comparison would be most of its cost.
  return Prisma.sql`
    WITH c AS (
      SELECT c.user_id, c.weight, r.language, coalesce(r.topics, '{}') AS topics
        FROM contributions c JOIN repositories r ON r.id = c.repository_id
       WHERE c.user_id = ANY(${[...userIds]}::int[]) AND c.kind = 'CONTRIBUTED' AND c.weight > 0
    ), entries AS (
      SELECT FALSE AS topic, user_id, language AS name, sum(weight) AS weight, count(*) AS repositories
        FROM c WHERE language IS NOT NULL GROUP BY user_id, language
      UNION ALL
      SELECT TRUE, c.user_id, t.name, sum(c.weight / cardinality(c.topics)), count(*)
        FROM c CROSS JOIN LATERAL unnest(c.topics) AS t(name) GROUP BY c.user_id, t.name
    ), ranked AS (
      SELECT topic, user_id, name, weight, repositories,
             weight / sum(weight) OVER (PARTITION BY user_id, topic) AS share,
             row_number() OVER (PARTITION BY user_id, topic ORDER BY weight DESC, name COLLATE "C") AS rank
        FROM entries
    )
    SELECT CASE WHEN topic THEN 'topic' ELSE 'language' END AS dimension, user_id AS "userId", name,
           weight::float8 AS weight, share::float8 AS share, repositories::int AS "repositoryCount"
      FROM ranked WHERE rank <= ${limit}::int
     ORDER BY user_id, topic, rank`;
}

/** Rows of `techStackSql` → one tech stack per user (users without contributions get empty lists). */
export function groupTechStacks(
  userIds: readonly number[],
  rows: readonly TechStackRow[],
): Map<number, TechStackRecord> {
  const stacks = new Map(
    userIds.map((id) => [id, { languages: [] as TechStackShare[], topics: [] as TechStackShare[] }]),
  );
  for (const { dimension, userId, ...share } of rows) {
    const stack = stacks.get(userId);
    if (stack) (dimension === 'language' ? stack.languages : stack.topics).push(share);
  }
  return stacks;
}
