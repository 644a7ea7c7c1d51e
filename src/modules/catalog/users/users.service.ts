// Users (GitHub accounts: people and organisations): lookups, keyset-paginated lists, tech stacks. Batch reads
// for the per-request loaders. GraphQL-free.
import { Prisma, type PrismaClient, type User } from '../../../generated/prisma/client.js';
import { notFound } from '../../../errors.js';
import { checkLogin } from '../../../lib/github-names.js';
import {
  fetchCount,
  fetchPage,
  fromStatementRows,
  readRows,
  type ListQuery,
  type Reader,
  type RowSource,
  type ListSource,
  type Page,
} from '../../../lib/keyset/index.js';
import { recordColumns, toBigInt } from '../../../lib/sql/select-columns.js';
import { groupTechStacks, techStackSql, type TechStackRecord, type TechStackRow } from './tech-stack.js';

export type UserRecord = Omit<User, 'embedding'>;

// Explicit select: never ship the embedding (1.5 KB a row) where nobody asked for it.
export const userSelect = {
  id: true,
  githubId: true,
  login: true,
  type: true,
  name: true,
  bio: true,
  company: true,
  location: true,
  avatarUrl: true,
  publicRepos: true,
  followers: true,
  following: true,
  createdAt: true,
  etag: true,
  insertedAt: true,
  syncedAt: true,
} as const;

const USER_COLUMNS = recordColumns<UserField, UserRecord>(userSelect, {
  dates: ['createdAt', 'insertedAt', 'syncedAt'],
  convert: { githubId: toBigInt },
  always: ['id'],
});
export type UserField = keyof typeof userSelect;
/** The fields of `userSelect` for raw statements (`prefix`: when joined next to another row). */
export const userColumns = (alias = 'u', prefix = '') => USER_COLUMNS.all(alias, prefix);
/** Which user fields a read fetches: `fields` (the id always) or, for null, all of them. */
export const userFields = USER_COLUMNS.fields;
export const WHOLE_USER = userFields(null);
/** `set`'s columns and a reader of its records, for a user joined next to another row under `prefix`. */
export const joinedUser = USER_COLUMNS.joined;
const COLUMNS = userColumns();
const FROM = Prisma.sql`users u`;

/** What a user list reads (exported for the EXPLAIN test of the search index). */
export const userSource = (query: ListQuery): ListSource => ({ select: COLUMNS, from: FROM, where: query.where });
/** A row of `userColumns` as a record (whichever driver read it). */
export const toUserRecord = USER_COLUMNS.read;

export class UserService {
  /** Lookups and lists go straight through the SQL driver when there is one (`rows`: db.sql), else Prisma. */
  private readonly rows: Reader;

  constructor(
    private readonly prisma: PrismaClient,
    rows?: RowSource,
  ) {
    this.rows = rows ?? prisma;
  }

  async findByIds(ids: readonly number[]): Promise<Map<number, UserRecord>> {
    // Raw: a model query costs Prisma several times the CPU of $queryRaw, and this runs for most requests.
    const rows = await readRows(
      this.rows,
      Prisma.sql`SELECT ${COLUMNS} FROM ${FROM} WHERE u.id = ANY(${[...new Set(ids)]}::int[])`,
    );
    return new Map(rows.map((row) => [row['id'] as number, toUserRecord(row)]));
  }

  /** Case-insensitive, as on GitHub. */
  async getByLogin(login: string): Promise<UserRecord> {
    const trimmed = checkLogin(login, 'login');
    // lower() = lower() uses the unique index on lower(login); Prisma's `mode: 'insensitive'` is an ILIKE,
    // which scans the whole table.
    const [row] = await readRows(
      this.rows,
      Prisma.sql`SELECT ${COLUMNS} FROM ${FROM} WHERE lower(u.login) = lower(${trimmed}) LIMIT 1`,
    );
    if (!row) throw notFound(`no user with login "${trimmed}"`, { argument: 'login' });
    return toUserRecord(row);
  }

  list(query: ListQuery): Promise<Page<UserRecord>> {
    return fetchPage(this.rows, userSource(query), query.plan, fromStatementRows(toUserRecord));
  }

  count(query: ListQuery): Promise<number> {
    return fetchCount(this.rows, { from: FROM, where: query.where });
  }

  /** The top `limit` languages and topics of each user, in one statement. */
  async techStacks(userIds: readonly number[], limit: number): Promise<Map<number, TechStackRecord>> {
    const rows = await this.prisma.$queryRaw<TechStackRow[]>(techStackSql(userIds, limit));
    return groupTechStacks(userIds, rows);
  }
}
