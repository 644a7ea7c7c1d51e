export { createMemoryPubSub, createRedisPubSub, type AppPubSub } from './pubsub.js';
export type {
  ActivityEventPayload,
  OkrChangePayload,
  PipelineRunSnapshot,
  PubSubTopics,
  RecommendationsPublishedPayload,
} from './topics.js';
