// Topics: GitHub's featured topics (github/explore) and every other name seen on a repository (the importer
// creates a row for each). Lookups by id, name or alias; keyset-paginated lists. GraphQL-free.
import { Prisma, type PrismaClient, type Topic } from '../../../generated/prisma/client.js';
import { notFound } from '../../../errors.js';
import { checkTopic } from '../../../lib/github-names.js';
import { fetchCount, fetchPage, type ListSource, type Page, type RawRow } from '../../../lib/keyset/index.js';
import { selectColumnsSql } from '../../../lib/sql/select-columns.js';
import type { TopicListQuery } from './topics.query.js';

export type TopicRecord = Topic;

export const topicSelect = {
  id: true,
  name: true,
  displayName: true,
  shortDescription: true,
  description: true,
  aliases: true,
  related: true,
  url: true,
  featured: true,
  insertedAt: true,
} as const;

const COLUMNS = selectColumnsSql(topicSelect, 't', { lists: ['aliases', 'related'] });
const FROM = Prisma.sql`topics t`;
// Ordering by repository count needs every topic's count: one pass over the repositories' topic arrays (a hash
// aggregate), cheaper than one GIN probe per topic once there are thousands of topics.
const FROM_WITH_COUNTS = Prisma.sql`(SELECT t.*, coalesce(n.count, 0)::int AS repository_count
  FROM topics t LEFT JOIN (SELECT x.name, count(*) AS count FROM repositories r, unnest(r.topics) AS x(name)
  GROUP BY x.name) n ON n.name = t.name) t`;
const toRecord = (row: RawRow) => row as unknown as TopicRecord;

/** What a topic list reads (exported for the EXPLAIN test of the search index). */
export const topicSource = (query: TopicListQuery): ListSource => ({
  select: COLUMNS,
  from: query.countsRepositories ? FROM_WITH_COUNTS : FROM,
  where: query.where,
});

export class TopicService {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIds(ids: readonly number[]): Promise<Map<number, TopicRecord>> {
    const rows = await this.prisma.topic.findMany({ where: { id: { in: [...new Set(ids)] } }, select: topicSelect });
    return new Map(rows.map((row) => [row.id, row]));
  }

  async findByNames(names: readonly string[]): Promise<Map<string, TopicRecord>> {
    const rows = await this.prisma.topic.findMany({
      where: { name: { in: [...new Set(names)] } },
      select: topicSelect,
    });
    return new Map(rows.map((row) => [row.name, row]));
  }

  /** By name, or else by one of its aliases ("js" finds "javascript"); case is folded as on GitHub. */
  async getByName(name: string): Promise<TopicRecord> {
    const wanted = checkTopic(name, 'name');
    const [row] = await this.prisma.$queryRaw<RawRow[]>(Prisma.sql`SELECT ${COLUMNS} FROM topics t
      WHERE t.name = ${wanted}::text OR t.aliases @> ARRAY[${wanted}::text]
      ORDER BY t.name = ${wanted}::text DESC, t.featured DESC, t.name LIMIT 1`);
    if (!row) throw notFound(`no topic named "${wanted}"`, { argument: 'name' });
    return toRecord(row);
  }

  list(query: TopicListQuery): Promise<Page<TopicRecord>> {
    return fetchPage(this.prisma, topicSource(query), query.plan, toRecord);
  }

  count(query: TopicListQuery): Promise<number> {
    return fetchCount(this.prisma, { from: FROM, where: query.where });
  }
}
