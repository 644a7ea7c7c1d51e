// An EventTarget whose events travel through Redis pub/sub, so a subscriber connected to any API process hears
// what any process (API or worker) publishes. One subscriber connection per process; channels are subscribed
// while they have listeners. Dispatching only publishes: the event comes back through Redis like everyone else's.
import type { Redis } from 'ioredis';
import type { PubSubEvent, PubSubEventTarget } from '@graphql-yoga/subscription';
import type { PubSubTopics } from './topics.js';

type Event = PubSubEvent<PubSubTopics, Extract<keyof PubSubTopics, string>>;
type Listener = ((event: Event) => void) | { handleEvent(event: Event): void };

export function createRedisEventTarget(options: {
  publisher: Redis;
  subscriber: Redis;
  channelPrefix?: string;
  onError?: (error: unknown) => void;
}): PubSubEventTarget<PubSubTopics> {
  const { publisher, subscriber, channelPrefix = 'ost-graph:' } = options;
  // Redis failures must never become unhandled rejections (they would crash the process): report and go on.
  const onError = (error: unknown) => options.onError?.(error);
  const listeners = new Map<string, Set<Listener>>();

  subscriber.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const type = channel.slice(channelPrefix.length);
    const set = listeners.get(type);
    if (!set) return;
    let detail: unknown;
    try {
      detail = JSON.parse(message);
    } catch (error) {
      onError(error);
      return;
    }
    const event = new CustomEvent(type, { detail }) as unknown as Event;
    for (const listener of set) {
      if (typeof listener === 'function') listener(event);
      else listener.handleEvent(event);
    }
  });

  const target = {
    addEventListener(type: string, callback: Listener | null) {
      if (!callback) return;
      let set = listeners.get(type);
      if (!set) {
        set = new Set();
        listeners.set(type, set);
        void subscriber.subscribe(channelPrefix + type).catch(onError);
      }
      set.add(callback);
    },
    removeEventListener(type: string, callback: Listener | null) {
      const set = listeners.get(type);
      if (!set || !callback) return;
      set.delete(callback);
      if (set.size === 0) {
        listeners.delete(type);
        void subscriber.unsubscribe(channelPrefix + type).catch(onError);
      }
    },
    dispatchEvent(event: Event) {
      void publisher.publish(channelPrefix + event.type, JSON.stringify(event.detail)).catch(onError);
      return true;
    },
  };
  return target as PubSubEventTarget<PubSubTopics>;
}
