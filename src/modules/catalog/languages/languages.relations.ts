import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { toConnection } from '../../../graphql/connection.js';
import { RepositoriesArgs, repositoryListQuery, Repository, RepositoryConnection } from '../repositories/index.js';
import { Language } from './language.type.js';

/** Relation fields of Language, batched over every language of the request. */
@Resolver(() => Language)
export class LanguageRelationsResolver {
  @FieldResolver(() => RepositoryConnection, { description: 'Repositories in this language (most starred first).' })
  async repositories(
    @Root() language: Language,
    @Args(() => RepositoriesArgs) args: RepositoriesArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<RepositoryConnection> {
    const query = repositoryListQuery(args);
    const page = await loaders.repositoriesOf.language(query).load(language.record.name);
    return toConnection(RepositoryConnection, page, {
      node: (row) => new Repository(row),
      totalCount: () => loaders.repositoryCountOf.language(query).load(language.record.name),
    });
  }
}
