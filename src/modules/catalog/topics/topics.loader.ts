// The request's topic loaders: by id (node lookups) and by name (a repository's topics, related topics).
import type DataLoader from 'dataloader';
import { mapLoader } from '../../../graphql/loader-family.js';
import type { TopicRecord, TopicService } from './topics.service.js';

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends TopicLoaders {}
}

export interface TopicLoaders {
  topicById: DataLoader<number, TopicRecord | null>;
  topicByName: DataLoader<string, TopicRecord | null>;
}

export function createTopicLoaders(topics: TopicService): TopicLoaders {
  return {
    topicById: mapLoader((ids) => topics.findByIds(ids), null),
    topicByName: mapLoader((names) => topics.findByNames(names), null),
  };
}
