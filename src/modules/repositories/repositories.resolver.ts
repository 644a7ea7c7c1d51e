import { Arg, Args, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../graphql/connection.js';
import { ForwardPaginationArgs, pageSize } from '../../graphql/pagination.args.js';
import { Repository, RepositoryConnection } from './repositories.type.js';
import type { RepositoryService } from './repositories.service.js';

@Resolver(() => Repository)
export class RepositoryResolver {
  constructor(private readonly service: RepositoryService) {}

  @Query(() => Repository, { nullable: true, description: 'A repository by "owner/name" (case-insensitive).' })
  async repository(@Arg('fullName', () => String) fullName: string): Promise<Repository> {
    return new Repository(await this.service.getByFullName(fullName));
  }

  @Query(() => RepositoryConnection, { description: 'All repositories, most starred first.' })
  async repositories(
    @Args(() => ForwardPaginationArgs) { first, after }: ForwardPaginationArgs,
  ): Promise<RepositoryConnection> {
    const size = pageSize(first);
    const page = await this.service.list({ take: size + 1, after: after ?? null });
    return toConnection(RepositoryConnection, {
      rows: page.rows,
      first: size,
      after,
      cursorOf: page.cursorOf,
      node: (row) => new Repository(row),
      totalCount: () => this.service.count(),
    });
  }
}
