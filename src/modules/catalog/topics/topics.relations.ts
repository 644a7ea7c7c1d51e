import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { toConnection } from '../../../graphql/connection.js';
import { RepositoriesArgs, repositoryListQuery, Repository, RepositoryConnection } from '../repositories/index.js';
import { Topic } from './topics.type.js';

/** Relation fields of Topic, batched over every topic of the request. */
@Resolver(() => Topic)
export class TopicRelationsResolver {
  @FieldResolver(() => RepositoryConnection, { description: 'Repositories carrying this topic (most starred first).' })
  async repositories(
    @Root() topic: Topic,
    @Args(() => RepositoriesArgs) args: RepositoriesArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<RepositoryConnection> {
    const query = repositoryListQuery(args);
    const page = await loaders.repositoriesOf.topic(query).load(topic.record.name);
    return toConnection(RepositoryConnection, page, {
      node: (row) => new Repository(row),
      totalCount: () => loaders.repositoryCountOf.topic(query).load(topic.record.name),
    });
  }

  @FieldResolver(() => [Topic], { description: 'Related topics known to the catalog.' })
  async relatedTopics(@Root() topic: Topic, @Ctx() { loaders }: GraphQLContext): Promise<Topic[]> {
    const related = await loaders.topicByName.loadMany(topic.record.related);
    return related.flatMap((row) => (row && !(row instanceof Error) ? [new Topic(row)] : []));
  }
}
