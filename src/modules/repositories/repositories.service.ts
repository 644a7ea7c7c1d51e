// Repositories: lookups, and keyset-paginated lists (the whole catalog, or per owner, topic or language for many
// parents at once). GraphQL-free; resolvers adapt the results.
import { Prisma, type PrismaClient, type Repository } from '../../generated/prisma/client.js';
import { badInput, notFound } from '../../errors.js';
import {
  fetchCount,
  fetchCounts,
  fetchPage,
  fetchPages,
  type ListQuery,
  type ListSource,
  type Page,
  type RawRow,
} from '../../lib/keyset/index.js';
import { selectColumnsSql } from '../../lib/sql/select-columns.js';

export type RepositoryRecord = Omit<Repository, 'embedding'>;

export const repositorySelect = {
  id: true,
  githubId: true,
  fullName: true,
  ownerId: true,
  name: true,
  description: true,
  language: true,
  languages: true,
  topics: true,
  stars: true,
  forks: true,
  openIssues: true,
  license: true,
  url: true,
  homepage: true,
  formerNames: true,
  createdAt: true,
  pushedAt: true,
  updatedAt: true,
  statsAsOf: true,
  etag: true,
  insertedAt: true,
  syncedAt: true,
} as const;

/** The fields of `repositorySelect` for raw statements (`prefix`: when joined next to another row). */
export const repositoryColumns = (alias = 'r', prefix = '') =>
  selectColumnsSql(repositorySelect, alias, { lists: ['topics', 'formerNames'], prefix });
const COLUMNS = repositoryColumns();
const FROM = Prisma.sql`repositories r`;

/** What a catalog list reads (exported for the EXPLAIN test of the search index). */
export const repositorySource = (query: ListQuery): ListSource => ({ select: COLUMNS, from: FROM, where: query.where });
const toRecord = (row: RawRow) => row as unknown as RepositoryRecord;

const FULL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** What a relation list of repositories hangs off: its owner (user id), a topic name or a language name. */
export type RepositoryScope = 'owner' | 'topic' | 'language';
export type ScopeKey<S extends RepositoryScope> = S extends 'owner' ? number : string;

// `p.key` is the parent key of the LATERAL join (lib/keyset/page-query.ts).
const SCOPES: Record<RepositoryScope, { type: 'int' | 'text'; where: Prisma.Sql }> = {
  owner: { type: 'int', where: Prisma.sql`r.owner_id = p.key` },
  topic: { type: 'text', where: Prisma.sql`r.topics @> ARRAY[p.key]` },
  language: { type: 'text', where: Prisma.sql`r.language = p.key` },
};

export class RepositoryService {
  constructor(private readonly prisma: PrismaClient) {}

  /** By "owner/name", case-insensitive as on GitHub. */
  async getByFullName(fullName: string): Promise<RepositoryRecord> {
    const trimmed = fullName.trim();
    if (!FULL_NAME.test(trimmed)) {
      throw badInput(`"${fullName}" is not a repository full name: expected "owner/name", e.g. "facebook/react"`, {
        argument: 'fullName',
      });
    }
    // lower() = lower() uses the unique index on lower(full_name); Prisma's `mode: 'insensitive'` is an ILIKE,
    // which scans the whole table (and would read `_` in a name as a wildcard).
    const [row] = await this.prisma.$queryRaw<RawRow[]>`
      SELECT ${COLUMNS} FROM ${FROM} WHERE lower(r.full_name) = lower(${trimmed}) LIMIT 1`;
    if (!row) throw notFound(`no repository named "${trimmed}"`, { argument: 'fullName' });
    return toRecord(row);
  }

  async findByIds(ids: readonly number[]): Promise<Map<number, RepositoryRecord>> {
    // Raw: a model query costs Prisma several times the CPU of $queryRaw, and this runs for most requests.
    const rows = await this.prisma.$queryRaw<RawRow[]>`
      SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = ANY(${[...new Set(ids)]}::int[])`;
    return new Map(rows.map((row) => [row['id'] as number, toRecord(row)]));
  }

  list(query: ListQuery): Promise<Page<RepositoryRecord>> {
    return fetchPage(this.prisma, repositorySource(query), query.plan, toRecord);
  }

  count(query: ListQuery): Promise<number> {
    return fetchCount(this.prisma, { from: FROM, where: query.where });
  }

  /** One page per parent, in one statement. */
  listOf<S extends RepositoryScope>(
    scope: S,
    keys: readonly ScopeKey<S>[],
    query: ListQuery,
  ): Promise<Map<ScopeKey<S>, Page<RepositoryRecord>>> {
    const { type, where } = SCOPES[scope];
    const source = { select: COLUMNS, from: FROM, where: [where, ...query.where] };
    return fetchPages(this.prisma, { type, keys }, source, query.plan, toRecord);
  }

  countOf<S extends RepositoryScope>(
    scope: S,
    keys: readonly ScopeKey<S>[],
    query: ListQuery,
  ): Promise<Map<ScopeKey<S>, number>> {
    const { type, where } = SCOPES[scope];
    return fetchCounts(this.prisma, { type, keys }, { from: FROM, where: [where, ...query.where] });
  }
}
