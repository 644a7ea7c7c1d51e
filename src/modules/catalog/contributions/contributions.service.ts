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
    const source = {
      select: Prisma.sql`${CONTRIBUTION_COLUMNS}, ${user.columns}`,
      from: Prisma.sql`contributions c JOIN users u ON u.id = c.user_id`,
      where: [Prisma.sql`c.repository_id = p.key`, ...query.where],
    };
    const read = fromStatementRows((row: RawRow) => ({ ...contribution(row), user: user.read(row) }));
    return fetchPages(this.rows, { type: 'int', keys: repositoryIds }, source, query.plan, read);
  }

  /** Each user's contributions, with their repository rows: the fields of `repositories` only. */
  contributionsOf(
    userIds: readonly number[],
    query: ListQuery,
    repositories: FieldSet<RepositoryField> = WHOLE_REPOSITORY,
  ): Promise<Map<number, Page<UserContributionRecord>>> {
    const repository = joinedRepository(repositories, 'r', 'repository.');
    const source = {
      select: Prisma.sql`${CONTRIBUTION_COLUMNS}, ${repository.columns}`,
      from: Prisma.sql`contributions c JOIN repositories r ON r.id = c.repository_id`,
      where: [Prisma.sql`c.user_id = p.key`, ...query.where],
    };
    const read = fromStatementRows((row: RawRow) => ({ ...contribution(row), repository: repository.read(row) }));
    return fetchPages(this.rows, { type: 'int', keys: userIds }, source, query.plan, read);
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
