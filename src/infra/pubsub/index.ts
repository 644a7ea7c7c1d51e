export { createMemoryPubSub, createRedisPubSub, type AppPubSub } from './pubsub.js';
export type { PipelineRunSnapshot, PubSubTopics } from './topics.js';
