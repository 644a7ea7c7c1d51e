// The topics module (catalog): GitHub topics, their aliases, related topics and repositories.
import { defineModule } from '../../module.js';
import { createTopicLoaders } from './topics.loader.js';
import { TopicRelationsResolver } from './topics.relations.js';
import { TopicResolver } from './topics.resolver.js';
import { TopicService } from './topics.service.js';

export { TopicService, topicSelect, type TopicRecord } from './topics.service.js';
export { Topic, TopicConnection } from './topics.type.js';
export { createTopicLoaders, type TopicLoaders } from './topics.loader.js';

declare module '../../module.js' {
  interface ModuleServices {
    topics: { topics: TopicService };
  }
}

export const topicsModule = defineModule({
  name: 'topics',
  resolvers: [TopicResolver, TopicRelationsResolver],
  create: ({ db }) => ({ topics: new TopicService(db.prisma) }),
  resolverInstances: ({ topics }) => [new TopicResolver(topics)],
  loaders: ({ topics }) => createTopicLoaders(topics),
});
