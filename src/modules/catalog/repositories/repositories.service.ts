// Repositories: lookups, and keyset-paginated lists (the whole catalog, or per owner, topic or language for many
// parents at once). GraphQL-free; resolvers adapt the results.
import { LRUCache } from 'lru-cache';
import { Prisma, type PrismaClient, type Repository } from '../../../generated/prisma/client.js';
import { badInput, notFound } from '../../../errors.js';
import {
  fetchCount,
  fetchCounts,
  fetchPage,
  fetchPages,
  fromStatementRows,
  readRows,
  type JoinedRow,
  type ListQuery,
  type ListSource,
  type Page,
  type RawRow,
  type Reader,
  type RowSource,
} from '../../../lib/keyset/index.js';
import { recordColumns, toBigInt, type FieldSet } from '../../../lib/sql/select-columns.js';
import { WHOLE_USER, joinedUser, userColumns, type UserField, type UserRecord } from '../users/index.js';

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

const REPOSITORY_COLUMNS = recordColumns<RepositoryField, RepositoryRecord>(repositorySelect, {
  lists: ['topics', 'formerNames'],
  dates: ['createdAt', 'pushedAt', 'updatedAt', 'statsAsOf', 'insertedAt', 'syncedAt'],
  convert: { githubId: toBigInt },
  always: ['id'],
});
/** The fields of `repositorySelect` for raw statements (`prefix`: when joined next to another row). */
export const repositoryColumns = (alias = 'r', prefix = '') => REPOSITORY_COLUMNS.all(alias, prefix);

export type RepositoryField = keyof typeof repositorySelect;
/** Which repository fields a read fetches: `fields` (the id always) or, for null, all of them. */
export const repositoryFields = REPOSITORY_COLUMNS.fields;
export const WHOLE_REPOSITORY = repositoryFields(null);
/** `set`'s columns and a reader of its records, for a repository joined next to another row under `prefix`. */
export const joinedRepository = REPOSITORY_COLUMNS.joined;

/** What a catalog page reads: the repositories' fields, and their owners' (joined) or none. */
export interface RepositoryRead {
  readonly repository: FieldSet<RepositoryField>;
  readonly owner: FieldSet<UserField> | null;
}
export const WHOLE_REPOSITORY_READ: RepositoryRead = { repository: WHOLE_REPOSITORY, owner: WHOLE_USER };
/** Names a read's field sets (part of a loader's key). */
const readKey = (read: RepositoryRead) => `${read.repository.key}|${read.owner?.key ?? '-'}`;
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
export const repositorySource = (query: ListQuery, read: RepositoryRead = WHOLE_REPOSITORY_READ): ListSource =>
  pageReading(read).source(query);
const toRecord = fromStatementRows(REPOSITORY_COLUMNS.read);

/** The statement parts and row reader of a catalog page for `read`, made once per distinct read (bounded: a
 * client can ask for many field combinations). */
const pageReadings = new LRUCache<string, ReturnType<typeof makePageReading>>({ max: 256 });
function pageReading(read: RepositoryRead) {
  const key = readKey(read);
  let reading = pageReadings.get(key);
  if (!reading) pageReadings.set(key, (reading = makePageReading(read)));
  return reading;
}

function makePageReading({ repository, owner }: RepositoryRead) {
  const own = REPOSITORY_COLUMNS.joined(repository, 'r', '');
  const select = repository.whole ? COLUMNS : own.columns;
  // The owner's join needs the page row's owner id, read or not.
  const pageSelect =
    owner && !repository.fields.includes('ownerId') ? Prisma.sql`${select}, r.owner_id AS "ownerId"` : select;
  const ownerJoin = owner && joinedUser(owner, 'o', OWNER);
  const joined: JoinedRow | undefined = ownerJoin ? { select: ownerJoin.columns, join: PAGE_OWNER.join } : undefined;

  return {
    source: (query: ListQuery): ListSource => ({
      select: pageSelect,
      from: FROM,
      where: query.where,
      ...(joined && { joined }),
    }),
    read: fromStatementRows((row: RawRow) => {
      const record = own.read(row) as unknown as Record<string, unknown>;
      if (ownerJoin) record['owner'] = ownerJoin.read(row);
      return record as unknown as OwnedRepositoryRecord;
    }),
  };
}

/** A row of OWNED_COLUMNS (lookups) as a repository with its owner: the whole read's reader, made once. */
const toOwnedRecord = makePageReading(WHOLE_REPOSITORY_READ).read;

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
  /** Lookups and lists go straight through the SQL driver when there is one (`rows`: db.sql), else Prisma. */
  private readonly rows: Reader;

  constructor(prisma: PrismaClient, rows?: RowSource) {
    this.rows = rows ?? prisma;
  }

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
    const [row] = await readRows(
      this.rows,
      Prisma.sql`SELECT ${OWNED_COLUMNS} FROM ${OWNED_FROM} WHERE lower(r.full_name) = lower(${trimmed}) LIMIT 1`,
    );
    if (!row) throw notFound(`no repository named "${trimmed}"`, { argument: 'fullName' });
    return toOwnedRecord(row);
  }

  /** With their owners. */
  async findByIds(ids: readonly number[]): Promise<Map<number, OwnedRepositoryRecord>> {
    // Raw: a model query costs Prisma several times the CPU of $queryRaw, and this runs for most requests.
    const rows = await readRows(
      this.rows,
      Prisma.sql`SELECT ${OWNED_COLUMNS} FROM ${OWNED_FROM} WHERE r.id = ANY(${[...new Set(ids)]}::int[])`,
    );
    return new Map(rows.map((row) => [row['id'] as number, toOwnedRecord(row)]));
  }

  /**
   * A catalog page, each repository with its owner. A narrow `read` fetches only its fields (records with the
   * others missing, `owner` missing when not read): never hand those to readers that expect whole records.
   */
  list(query: ListQuery, read: RepositoryRead = WHOLE_REPOSITORY_READ): Promise<Page<OwnedRepositoryRecord>> {
    const reading = pageReading(read);
    return fetchPage(this.rows, reading.source(query), query.plan, reading.read);
  }

  count(query: ListQuery): Promise<number> {
    return fetchCount(this.rows, { from: FROM, where: query.where });
  }

  /** One page per parent, in one statement. */
  listOf<S extends RepositoryScope>(
    scope: S,
    keys: readonly ScopeKey<S>[],
    query: ListQuery,
  ): Promise<Map<ScopeKey<S>, Page<RepositoryRecord>>> {
    const { type, where } = SCOPES[scope];
    const source = { select: COLUMNS, from: FROM, where: [where, ...query.where] };
    return fetchPages(this.rows, { type, keys }, source, query.plan, toRecord);
  }

  countOf<S extends RepositoryScope>(
    scope: S,
    keys: readonly ScopeKey<S>[],
    query: ListQuery,
  ): Promise<Map<ScopeKey<S>, number>> {
    const { type, where } = SCOPES[scope];
    return fetchCounts(this.rows, { type, keys }, { from: FROM, where: [where, ...query.where] });
  }
}
