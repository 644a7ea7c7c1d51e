import { searchWeight } from '../../../graphql/cost-weights.js';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../../graphql/connection.js';
import type { GraphQLContext } from '../../../graphql/context.js';
import { nodeSelection, selectionOf } from '../../../graphql/selection.js';
import { repositoryReadFor } from './repositories.fields.js';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<RepositoryConnection> {
    const query = repositoryListQuery(args);
    // Only the columns the selection needs (owners joined only when selected).
    const read = repositoryReadFor(nodeSelection(selectionOf(info)));
    const page = await this.service.list(query, read);
    // Whole owners read with the page serve later lookups too (narrow ones only this page's `owner`).
    if (read.owner?.whole) loaders.primeOwners(page.rows);
    return toConnection(RepositoryConnection, page, {
      node: (row) => new Repository(row),
      totalCount: () => this.service.count(query),
    });
  }
}
