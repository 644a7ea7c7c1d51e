import { Arg, Args, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../../graphql/connection.js';
import { TopicsArgs } from './topics.input.js';
import { topicListQuery } from './topics.query.js';
import type { TopicService } from './topics.service.js';
import { Topic, TopicConnection } from './topics.type.js';

@Resolver(() => Topic)
export class TopicResolver {
  constructor(private readonly service: TopicService) {}

  @Query(() => Topic, { nullable: true, description: 'A topic by name or alias (case-insensitive).' })
  async topic(@Arg('name', () => String) name: string): Promise<Topic> {
    return new Topic(await this.service.getByName(name));
  }

  @Query(() => TopicConnection, { description: 'Topics, by name unless ordered otherwise.' })
  async topics(@Args(() => TopicsArgs) args: TopicsArgs): Promise<TopicConnection> {
    const query = topicListQuery(args);
    const page = await this.service.list(query);
    return toConnection(TopicConnection, page, {
      node: (row) => new Topic(row),
      totalCount: () => this.service.count(query),
    });
  }
}
