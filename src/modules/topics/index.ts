export { TopicService, topicSelect, type TopicRecord } from './topics.service.js';
export { createTopicLoaders, type TopicLoaders } from './topics.loader.js';
export { Topic, TopicConnection } from './topics.type.js';
export { TopicResolver } from './topics.resolver.js';
export { TopicRelationsResolver } from './topics.relations.js';
