// The pubsub port: in-memory within one process (embedded), Redis across processes (services).
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { createRedisEventTarget } from './redis-event-target.js';
import type { PubSubTopics } from './topics.js';

export type AppPubSub = PubSub<PubSubTopics>;

export function createMemoryPubSub(): AppPubSub {
  return createPubSub<PubSubTopics>();
}

export function createRedisPubSub(publisher: Redis, subscriber: Redis, onError?: (error: unknown) => void): AppPubSub {
  return createPubSub<PubSubTopics>({
    eventTarget: createRedisEventTarget({ publisher, subscriber, ...(onError ? { onError } : {}) }),
  });
}
