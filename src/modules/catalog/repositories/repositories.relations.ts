import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { oncePerField } from '../../../graphql/field-memo.js';
import { toConnection } from '../../../graphql/connection.js';
import {
  RepositoryContributorConnection,
  ContributionsArgs,
  contributionListQuery,
  contributorFields,
} from '../contributions/index.js';
import { Language } from '../languages/index.js';
import { Topic } from '../topics/index.js';
import { User } from '../users/index.js';
import type { OwnedRepositoryRecord } from './repositories.service.js';
import { Repository } from './repositories.type.js';

/** Relation fields of Repository: each goes through the request's loaders, batched over every repository. */
@Resolver(() => Repository)
export class RepositoryRelationsResolver {
  @FieldResolver(() => User, { description: 'The account that owns the repository.' })
  async owner(@Root() repository: Repository, @Ctx() { loaders }: GraphQLContext): Promise<User> {
    // Read with the repository (a lookup or a catalog page, possibly only the fields selected): no loader needed.
    const joined = (repository.record as Partial<OwnedRepositoryRecord>).owner;
    if (joined) return new User(joined);
    const owner = await loaders.userById.load(repository.record.ownerId);
    if (!owner) throw new Error(`repository ${repository.record.id} has no owner row ${repository.record.ownerId}`);
    return new User(owner);
  }

  @FieldResolver(() => [Topic], { description: 'Its topics, in the order GitHub lists them.' })
  async topics(@Root() repository: Repository, @Ctx() { loaders }: GraphQLContext): Promise<Topic[]> {
    // The importer creates a topic row for every name a repository carries; a name without one is skipped.
    const topics = await loaders.topicByName.loadMany(repository.record.topics);
    return topics.flatMap((row) => (row && !(row instanceof Error) ? [new Topic(row)] : []));
  }

  @FieldResolver(() => Language, {
    nullable: true,
    description: 'The primary language with its catalog-wide counts (`language` has just the name).',
  })
  async primaryLanguage(@Root() repository: Repository, @Ctx() { loaders }: GraphQLContext): Promise<Language | null> {
    if (repository.record.language === null) return null;
    const language = await loaders.languageByName.load(repository.record.language);
    return language ? new Language(language) : null;
  }

  @FieldResolver(() => RepositoryContributorConnection, { description: 'Who contributed, most contributions first.' })
  async contributors(
    @Root() repository: Repository,
    @Args(() => ContributionsArgs) args: ContributionsArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RepositoryContributorConnection> {
    const { loaders } = context;
    // The same for every parent: arguments checked, list query and loader found once per request.
    const { query, loader } = oncePerField(context, info, () => {
      const query = contributionListQuery(args);
      return { query, loader: loaders.contributorsOf(query, contributorFields(info)) };
    });
    const page = await loader.load(repository.record.id);
    return toConnection(RepositoryContributorConnection, page, {
      node: (row) => new User(row.user),
      edge: (row) => ({ kind: row.kind, weight: row.weight }),
      totalCount: () => loaders.contributorCountOf(query).load(repository.record.id),
    });
  }
}
