export { createMemoryPubSub, createRedisPubSub, type AppPubSub } from './pubsub.js';
export type { PipelineRunSnapshot, PubSubTopics, RecommendationsPublishedPayload } from './topics.js';
