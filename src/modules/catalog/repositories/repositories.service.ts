// Repositories: lookups, and keyset-paginated lists (the whole catalog, or per owner, topic or language for many
// parents at once). GraphQL-free; resolvers adapt the results.
import { Prisma, type PrismaClient, type Repository } from '../../../generated/prisma/client.js';
import { badInput, notFound } from '../../../errors.js';
import {
  fetchCount,
  fetchCounts,
  fetchPage,
  fetchPages,
  type JoinedRow,
  type ListQuery,
  type ListSource,
  type Page,
  type RawRow,
} from '../../../lib/keyset/index.js';
import { selectColumnsSql, splitPrefixed } from '../../../lib/sql/select-columns.js';
import { toUserRecord, userColumns, type UserRecord } from '../users/index.js';

export type RepositoryRecord = Omit<Repository, 'embedding'>;

/** A repository with its owner's row, read by the same statement (the request's user loader is primed with it). */
export interface OwnedRepositoryRecord extends RepositoryRecord {
  readonly owner: UserRecord;
}

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

// Lookups and the catalog page read each repository's owner in the same statement: the users module's columns,
// prefixed. owner_id is NOT NULL with a foreign key to users (ON DELETE RESTRICT), so the inner join keeps every
// repository.
const OWNER = 'owner.';
const OWNER_COLUMNS = userColumns('o', OWNER);
const OWNED_COLUMNS = Prisma.sql`${COLUMNS}, ${OWNER_COLUMNS}`;
const OWNED_FROM = Prisma.sql`repositories r JOIN users o ON o.id = r.owner_id`;
// A page joins its owners after its rows are chosen (`x`: the page row), leaving the page's plan as it was.
const PAGE_OWNER: JoinedRow = { select: OWNER_COLUMNS, join: Prisma.sql`JOIN users o ON o.id = x."ownerId"` };

/** What a catalog list reads, owners included (exported for the EXPLAIN test of the search index). */
export const repositorySource = (query: ListQuery): ListSource => ({
  select: COLUMNS,
  from: FROM,
  where: query.where,
  joined: PAGE_OWNER,
});
const toRecord = (row: RawRow) => row as unknown as RepositoryRecord;
const toOwnedRecord = (row: RawRow): OwnedRepositoryRecord => {
  const { own, joined } = splitPrefixed(row, OWNER);
  own['owner'] = toUserRecord(joined);
  return own as unknown as OwnedRepositoryRecord;
};

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

  /** By "owner/name", case-insensitive as on GitHub; with its owner. */
  async getByFullName(fullName: string): Promise<OwnedRepositoryRecord> {
    const trimmed = fullName.trim();
    if (!FULL_NAME.test(trimmed)) {
      throw badInput(`"${fullName}" is not a repository full name: expected "owner/name", e.g. "facebook/react"`, {
        argument: 'fullName',
      });
    }
    // lower() = lower() uses the unique index on lower(full_name); Prisma's `mode: 'insensitive'` is an ILIKE,
    // which scans the whole table (and would read `_` in a name as a wildcard).
    const [row] = await this.prisma.$queryRaw<RawRow[]>`
      SELECT ${OWNED_COLUMNS} FROM ${OWNED_FROM} WHERE lower(r.full_name) = lower(${trimmed}) LIMIT 1`;
    if (!row) throw notFound(`no repository named "${trimmed}"`, { argument: 'fullName' });
    return toOwnedRecord(row);
  }

  /** With their owners. */
  async findByIds(ids: readonly number[]): Promise<Map<number, OwnedRepositoryRecord>> {
    // Raw: a model query costs Prisma several times the CPU of $queryRaw, and this runs for most requests.
    const rows = await this.prisma.$queryRaw<RawRow[]>`
      SELECT ${OWNED_COLUMNS} FROM ${OWNED_FROM} WHERE r.id = ANY(${[...new Set(ids)]}::int[])`;
    return new Map(rows.map((row) => [row['id'] as number, toOwnedRecord(row)]));
  }

  /** A catalog page, each repository with its owner. */
  list(query: ListQuery): Promise<Page<OwnedRepositoryRecord>> {
    return fetchPage(this.prisma, repositorySource(query), query.plan, toOwnedRecord);
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
