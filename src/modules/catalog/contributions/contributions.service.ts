// Contributions (user ↔ repository, with a kind and a weight) as relation lists: each repository's contributors
// and each user's contributions, heaviest first, one statement for all parents of a request (LATERAL, served by
// the (repository_id, weight) and (user_id, weight) indexes). GraphQL-free.
import { Prisma, type PrismaClient } from '../../../generated/prisma/client.js';
import {
  fetchCounts,
  fetchPages,
  listQuery,
  sortColumn,
  type ListQuery,
  type Ordering,
  type Page,
  type PageArgs,
  type RawRow,
  type Reader,
  type RowSource,
  fromStatementRows,
} from '../../../lib/keyset/index.js';
import type { FieldSet } from '../../../lib/sql/select-columns.js';
import {
  WHOLE_REPOSITORY,
  joinedRepository,
  type RepositoryField,
  type RepositoryRecord,
} from '../repositories/index.js';
import { WHOLE_USER, joinedUser, type UserField, type UserRecord } from '../users/index.js';

export const ContributionKind = {
  CONTRIBUTED: 'CONTRIBUTED',
  STARRED: 'STARRED',
  FORKED: 'FORKED',
  WATCHED: 'WATCHED',
} as const;
export type ContributionKind = (typeof ContributionKind)[keyof typeof ContributionKind];

export interface ContributionRecord {
  readonly id: number;
  readonly userId: number;
  readonly repositoryId: number;
  readonly kind: ContributionKind;
  readonly weight: number;
}

/** A contribution with its user (a repository's contributors) or its repository (a user's contributions). */
export interface ContributorRecord extends ContributionRecord {
  readonly user: UserRecord;
}
export interface UserContributionRecord extends ContributionRecord {
  readonly repository: RepositoryRecord;
}

export interface ContributionListRequest extends PageArgs {
  kind?: ContributionKind | null;
}

const BY_WEIGHT: Ordering = {
  name: 'contribution.weight.desc',
  columns: [sortColumn(Prisma.sql`c.weight`, 'float', 'DESC'), sortColumn(Prisma.sql`c.id`, 'int', 'ASC')],
};

const CONTRIBUTION_COLUMNS = Prisma.sql`c.id, c.user_id AS "userId", c.repository_id AS "repositoryId",
  c.kind::text AS kind, c.weight`;

/** Checks the page arguments; the kind defaults to CONTRIBUTED (stars are not contributions). */
export function contributionListQuery(request: ContributionListRequest): ListQuery {
  const kind = request.kind ?? ContributionKind.CONTRIBUTED;
  return listQuery([Prisma.sql`c.kind = ${kind}::contribution_kind`], BY_WEIGHT, request, { kind });
}

const contribution = (row: RawRow): ContributionRecord => ({
  id: row['id'] as number,
  userId: row['userId'] as number,
  repositoryId: row['repositoryId'] as number,
  kind: row['kind'] as ContributionKind,
  weight: row['weight'] as number,
});

export class ContributionService {
  /** Lists go straight through the SQL driver when there is one (`rows`: db.sql), else Prisma. */
  private readonly rows: Reader;

  constructor(prisma: PrismaClient, rows?: RowSource) {
    this.rows = rows ?? prisma;
  }

  /**
   * Each repository's contributors, with their user rows (so users need no second statement): the fields of
   * `users` only (records with the others missing unless it is whole).
   */
  contributorsOf(
    repositoryIds: readonly number[],
    query: ListQuery,
    users: FieldSet<UserField> = WHOLE_USER,
  ): Promise<Map<number, Page<ContributorRecord>>> {
    const user = joinedUser(users, 'u', 'user.');
    return this.pagesOf(Prisma.sql`c.repository_id`, repositoryIds, query, {
      columns: user.columns,
      join: Prisma.sql`JOIN users u ON u.id = c.user_id`,
      read: (row, contribution) => ({ ...contribution, user: user.read(row) }),
    });
  }

  /** Each user's contributions, with their repository rows: the fields of `repositories` only. */
  contributionsOf(
    userIds: readonly number[],
    query: ListQuery,
    repositories: FieldSet<RepositoryField> = WHOLE_REPOSITORY,
  ): Promise<Map<number, Page<UserContributionRecord>>> {
    const repository = joinedRepository(repositories, 'r', 'repository.');
    return this.pagesOf(Prisma.sql`c.user_id`, userIds, query, {
      columns: repository.columns,
      join: Prisma.sql`JOIN repositories r ON r.id = c.repository_id`,
      read: (row, contribution) => ({ ...contribution, repository: repository.read(row) }),
    });
  }

  /** One page of contributions per parent (`parent`: the column naming it), each with the joined row. */
  private pagesOf<R>(
    parent: Prisma.Sql,
    keys: readonly number[],
    query: ListQuery,
    joined: { columns: Prisma.Sql; join: Prisma.Sql; read: (row: RawRow, contribution: ContributionRecord) => R },
  ): Promise<Map<number, Page<R>>> {
    const source = {
      select: Prisma.sql`${CONTRIBUTION_COLUMNS}, ${joined.columns}`,
      from: Prisma.sql`contributions c ${joined.join}`,
      where: [Prisma.sql`${parent} = p.key`, ...query.where],
    };
    const read = fromStatementRows((row: RawRow) => joined.read(row, contribution(row)));
    return fetchPages(this.rows, { type: 'int', keys }, source, query.plan, read);
  }

  countContributorsOf(repositoryIds: readonly number[], query: ListQuery): Promise<Map<number, number>> {
    const where = [Prisma.sql`c.repository_id = p.key`, ...query.where];
    return fetchCounts(this.rows, { type: 'int', keys: repositoryIds }, { from: Prisma.sql`contributions c`, where });
  }

  countContributionsOf(userIds: readonly number[], query: ListQuery): Promise<Map<number, number>> {
    const where = [Prisma.sql`c.user_id = p.key`, ...query.where];
    return fetchCounts(this.rows, { type: 'int', keys: userIds }, { from: Prisma.sql`contributions c`, where });
  }
}
