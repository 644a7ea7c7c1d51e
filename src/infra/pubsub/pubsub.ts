// The pubsub port: in-memory within one process (embedded), Redis across processes (services). Both are an
// EventTarget underneath; events are keyed "<topic>:<id>".
import { Repeater, SlidingBuffer, type PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { createRedisEventTarget, UNREADABLE } from './redis-event-target.js';
import type { PubSubTopics } from './topics.js';

type Topic = keyof PubSubTopics;

export interface AppPubSub {
  publish<T extends Topic>(topic: T, id: PubSubTopics[T][0], payload: PubSubTopics[T][1]): void;
  /** Lazy, like every repeater: the subscription starts with the first `next()`. */
  subscribe<T extends Topic>(topic: T, id: PubSubTopics[T][0]): Repeater<PubSubTopics[T][1]>;
  /**
   * Calls `listener` each time the transport is back after an outage: events published meanwhile may be lost, so
   * a subscriber that shows state re-reads it. Returns the unsubscribe function. (In memory: never.)
   */
  onResumed(listener: () => void): () => void;
}

/** Events a subscriber may fall behind by before the oldest are dropped (the newest state always survives). */
const SUBSCRIBER_BUFFER = 256;

/**
 * Like @graphql-yoga/subscription's createPubSub, but every subscription has its own sliding buffer: there a
 * subscriber 1,024 events behind makes the listener throw (crashing the process, losing the final status); here a
 * slow dashboard skips stale progress and still receives the latest state.
 */
function createPubSubOn(
  target: PubSubEventTarget<PubSubTopics>,
  onResumed: AppPubSub['onResumed'] = () => () => undefined,
): AppPubSub {
  return {
    onResumed,
    publish(topic, id, payload) {
      target.dispatchEvent(new CustomEvent(`${topic}:${id}`, { detail: payload }));
    },
    subscribe<T extends Topic>(topic: T, id: PubSubTopics[T][0]) {
      const type = `${topic}:${id}`;
      return new Repeater<PubSubTopics[T][1]>(async (push, stop) => {
        const listener = (event: Event) => {
          const { detail } = event as CustomEvent<PubSubTopics[T][1] | typeof UNREADABLE>;
          if (detail !== UNREADABLE) void push(detail);
        };
        target.addEventListener(type, listener);
        await stop;
        target.removeEventListener(type, listener);
      }, new SlidingBuffer(SUBSCRIBER_BUFFER));
    },
  };
}

export function createMemoryPubSub(): AppPubSub {
  return createPubSubOn(new EventTarget() as PubSubEventTarget<PubSubTopics>);
}

export function createRedisPubSub(
  publisher: Redis,
  subscriber: Redis,
  options: { channelPrefix?: string; onError?: (error: unknown) => void } = {},
): AppPubSub {
  // ioredis reconnects by itself and subscribes its channels again before 'ready'; what was published while the
  // subscriber was away is gone. 'ready' after a 'close' is the moment subscribers must re-read.
  const listeners = new Set<() => void>();
  let lost = false;
  subscriber.on('close', () => void (lost = true));
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    for (const listener of listeners) listener();
  });
  return createPubSubOn(createRedisEventTarget({ publisher, subscriber, ...options }), (listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  });
}
