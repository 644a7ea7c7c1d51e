// Events through Redis pub/sub with @graphql-yoga/redis-event-target, so a subscriber connected to any API process
// hears what any process (API or worker) publishes. Two things the library leaves to its caller are done here, by
// handing it narrow views of our connections:
// - channels carry this deployment's prefix, so deployments sharing a Redis never hear each other;
// - a failed publish, subscribe or unsubscribe (Redis down) and a message that is not JSON are reported to
//   `onError`, never left as an unhandled rejection or a throw inside ioredis's event emitter (either would crash
//   the process).
import { createRedisEventTarget as libraryEventTarget } from '@graphql-yoga/redis-event-target';
import type { PubSubEvent, PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import type { PubSubTopics } from './topics.js';

type Event = PubSubEvent<PubSubTopics, Extract<keyof PubSubTopics, string>>;

/** What a message that could not be parsed becomes: createPubSubOn drops events that carry it. */
export const UNREADABLE = Symbol('unreadable pubsub message');

export function createRedisEventTarget(options: {
  publisher: Redis;
  subscriber: Redis;
  channelPrefix?: string;
  onError?: (error: unknown) => void;
}): PubSubEventTarget<PubSubTopics> {
  const { publisher, subscriber, channelPrefix = 'ost-graph:' } = options;
  const onError = (error: unknown) => options.onError?.(error);
  const ours = (channel: string) => channel.startsWith(channelPrefix);

  const publishClient = {
    publish: (channel: string, message: string) =>
      publisher.publish(channelPrefix + channel, message).catch((error: unknown) => void onError(error)),
  };
  const subscribeClient = {
    on(event: 'message', listener: (channel: string, message: string) => void) {
      subscriber.on(event, (channel: string, message: string) => {
        if (ours(channel)) listener(channel.slice(channelPrefix.length), message);
      });
      return subscribeClient;
    },
    subscribe: (channel: string) =>
      subscriber.subscribe(channelPrefix + channel).catch((error: unknown) => void onError(error)),
    unsubscribe: (channel: string) =>
      subscriber.unsubscribe(channelPrefix + channel).catch((error: unknown) => void onError(error)),
  };
  const serializer = {
    stringify: (message: unknown) => JSON.stringify(message),
    parse(message: string): unknown {
      try {
        return JSON.parse(message);
      } catch (error) {
        onError(error);
        return UNREADABLE;
      }
    },
  };
  // The library only calls the methods above (its own source: on('message'), subscribe, unsubscribe, publish).
  return libraryEventTarget<Event>({
    publishClient: publishClient as unknown as Redis,
    subscribeClient: subscribeClient as unknown as Redis,
    serializer,
  });
}
