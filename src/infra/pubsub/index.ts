export { createMemoryPubSub, createRedisPubSub, type AppPubSub } from './pubsub.js';
export type { OkrChangePayload, PipelineRunSnapshot, PubSubTopics, RecommendationsPublishedPayload } from './topics.js';
