import { searchWeight } from '../../../graphql/cost-weights.js';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../../graphql/connection.js';
import type { GraphQLContext } from '../../../graphql/context.js';
import { RepositoriesArgs } from './repositories.args.js';
import { repositoryListQuery } from './repositories.query.js';
import type { RepositoryService } from './repositories.service.js';
import { Repository, RepositoryConnection } from './repositories.type.js';

@Resolver(() => Repository)
export class RepositoryResolver {
  constructor(private readonly service: RepositoryService) {}

  @Query(() => Repository, { nullable: true, description: 'A repository by "owner/name" (case-insensitive).' })
  async repository(
    @Arg('fullName', () => String) fullName: string,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Repository> {
    const repository = await this.service.getByFullName(fullName);
    loaders.primeOwners([repository]); // read with it: `owner` needs no second statement
    return new Repository(repository);
  }

  @Query(() => RepositoryConnection, {
    description: 'The catalog: filtered, ordered (most starred first by default), paged either way.',
    complexity: searchWeight,
  })
  async repositories(
    @Args(() => RepositoriesArgs) args: RepositoriesArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<RepositoryConnection> {
    const query = repositoryListQuery(args);
    const page = await this.service.list(query);
    loaders.primeOwners(page.rows); // read with the page: `owner` needs no second statement
    return toConnection(RepositoryConnection, page, {
      node: (row) => new Repository(row),
      totalCount: () => this.service.count(query),
    });
  }
}
