// The pubsub port: the in-memory adapter always, and the Redis adapter (two ioredis connections per instance, as
// each process has) when TEST_REDIS_URL is set. Both must behave the same for subscribers.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryPubSub,
  createRedisPubSub,
  type AppPubSub,
  type PipelineRunSnapshot,
} from '../../../src/infra/pubsub/index.js';
import { createRedis } from '../../../src/infra/redis.js';
import { testRedisUrl } from '../../support/backends.js';
import { eventually, within } from '../../support/waiting.js';

const TOPIC = 'pipelineRunUpdated';
const CHANNEL_PREFIX = 'ost-graph:';

interface Instance {
  pubsub: AppPubSub;
  /** Resolves once `count` connections listen to topic:id (Redis confirms SUBSCRIBE asynchronously). */
  listening(id: string, count?: number): Promise<void>;
  errors: unknown[];
}

interface Backend {
  name: string;
  /** A pubsub as one process holds it; several instances of one backend are separate processes. */
  instance(): Promise<Instance>;
}

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

async function connect(url: string, name: string): Promise<Redis> {
  const redis = createRedis(url, name);
  closers.push(() => redis.quit());
  await redis.connect(); // rejects, failing the test, when Redis cannot be reached
  return redis;
}

async function numsub(redis: Redis, id: string): Promise<number> {
  const [, count] = (await redis.pubsub('NUMSUB', `${CHANNEL_PREFIX}${TOPIC}:${id}`)) as [string, number | string];
  return Number(count);
}

const memory: Backend = {
  name: 'memory',
  instance: async () => ({ pubsub: createMemoryPubSub(), listening: async () => undefined, errors: [] }),
};

const redis = (url: string): Backend => ({
  name: 'redis',
  async instance() {
    const [publisher, subscriber] = await Promise.all([
      connect(url, 'test-publisher'),
      connect(url, 'test-subscriber'),
    ]);
    const errors: unknown[] = [];
    return {
      pubsub: createRedisPubSub(publisher, subscriber, { onError: (error) => errors.push(error) }),
      listening: (id, count = 1) =>
        eventually(async () => (await numsub(publisher, id)) >= count, `${count} Redis subscriber(s) of ${id}`),
      errors,
    };
  },
});

/** A snapshot with every kind of JSON value a run carries. */
function snapshot(id: string, processed = 0): PipelineRunSnapshot {
  return {
    id,
    kind: 'IMPORT',
    status: 'RUNNING',
    stage: 'répertoires — 漢字 "quoted" \\ slash',
    stages: [
      {
        name: 'fetch',
        status: 'SUCCEEDED',
        processed: 3,
        total: null,
        startedAt: '2026-11-23T10:00:00.000Z',
        finishedAt: null,
      },
    ],
    processed,
    total: 1_000_000,
    params: { nested: { list: [1, 2.5, -3, true, false, null], empty: {} } },
    result: null,
    error: null,
    attempts: 1,
    workerId: 'worker-1',
    createdAt: '2026-11-23T09:59:59.999Z',
    startedAt: '2026-11-23T10:00:00.000Z',
    heartbeatAt: null,
    finishedAt: null,
  };
}

const backends = [memory, ...(testRedisUrl ? [redis(testRedisUrl)] : [])];

describe.each(backends)(
  'PubSub ($name): delivers what is published to the subscribers of its topic and id',
  (backend) => {
    it('routes by topic and id: a subscriber sees only its id, in publish order', async () => {
      const { pubsub, listening } = await backend.instance();
      const [a, b] = [randomUUID(), randomUUID()];
      const subA = pubsub.subscribe(TOPIC, a);
      const subB = pubsub.subscribe(TOPIC, b);
      const nextA = subA.next(); // starts the subscription
      const nextB = subB.next();
      await listening(a);
      await listening(b);

      pubsub.publish(TOPIC, a, snapshot(a, 1));
      pubsub.publish(TOPIC, b, snapshot(b, 2));
      pubsub.publish(TOPIC, a, snapshot(a, 3));

      expect((await within(nextA, 'a#1')).value).toEqual(snapshot(a, 1));
      expect((await within(subA.next(), 'a#3')).value).toEqual(snapshot(a, 3));
      expect((await within(nextB, 'b#2')).value).toEqual(snapshot(b, 2));
      // Nothing else was queued for either: the next values are the markers published now.
      pubsub.publish(TOPIC, a, snapshot(a, 99));
      pubsub.publish(TOPIC, b, snapshot(b, 99));
      expect((await within(subA.next(), 'a marker')).value).toMatchObject({ id: a, processed: 99 });
      expect((await within(subB.next(), 'b marker')).value).toMatchObject({ id: b, processed: 99 });
      await Promise.all([subA.return(), subB.return()]);
    });

    it('delivers a JSON value equal to the one published (strings, numbers, nulls, nesting, unicode)', async () => {
      const { pubsub, listening } = await backend.instance();
      const id = randomUUID();
      const sub = pubsub.subscribe(TOPIC, id);
      const next = sub.next();
      await listening(id);
      const sent = snapshot(id, 7);
      pubsub.publish(TOPIC, id, sent);
      const received = (await within(next, 'the snapshot')).value as PipelineRunSnapshot;
      expect(received).toEqual(sent);
      expect(JSON.parse(JSON.stringify(received))).toEqual(received); // JSON-safe as it arrives
      await sub.return();
    });

    it('delivers every event to every subscriber of the same id, in order', async () => {
      const { pubsub, listening } = await backend.instance();
      const id = randomUUID();
      const subs = [pubsub.subscribe(TOPIC, id), pubsub.subscribe(TOPIC, id)];
      const firsts = subs.map((sub) => sub.next());
      await listening(id);
      for (let i = 0; i < 50; i++) pubsub.publish(TOPIC, id, snapshot(id, i));

      for (const [n, sub] of subs.entries()) {
        const received = [(await within(firsts[n]!, 'first event')).value as PipelineRunSnapshot];
        while (received.length < 50)
          received.push((await within(sub.next(), 'next event')).value as PipelineRunSnapshot);
        expect(received.map((event) => event.processed)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      }
      await Promise.all(subs.map((sub) => sub.return()));
    });

    it('does not replay events published before the subscription', async () => {
      const { pubsub, listening } = await backend.instance();
      const id = randomUUID();
      pubsub.publish(TOPIC, id, snapshot(id, 1));
      const sub = pubsub.subscribe(TOPIC, id);
      const next = sub.next();
      await listening(id);
      pubsub.publish(TOPIC, id, snapshot(id, 2));
      expect((await within(next, 'the event after subscribing')).value).toMatchObject({ processed: 2 });
      await sub.return();
    });

    it('stops delivering to a subscriber that leaves, and keeps delivering to the others', async () => {
      const { pubsub, listening } = await backend.instance();
      const id = randomUUID();
      const leaving = pubsub.subscribe(TOPIC, id);
      const staying = pubsub.subscribe(TOPIC, id);
      const leavingFirst = leaving.next();
      const stayingFirst = staying.next();
      await listening(id);
      pubsub.publish(TOPIC, id, snapshot(id, 1));
      expect((await within(leavingFirst, 'leaving#1')).value).toMatchObject({ processed: 1 });
      expect((await within(stayingFirst, 'staying#1')).value).toMatchObject({ processed: 1 });

      await leaving.return();
      pubsub.publish(TOPIC, id, snapshot(id, 2));

      expect((await within(staying.next(), 'staying#2')).value).toMatchObject({ processed: 2 });
      expect(await leaving.next()).toEqual({ done: true, value: undefined });
      await staying.return();
    });

    it('keeps up with a subscriber that falls far behind: no overflow, and the latest state arrives', async () => {
      const { pubsub, listening } = await backend.instance();
      const id = randomUUID();
      const sub = pubsub.subscribe(TOPIC, id);
      const first = sub.next();
      await listening(id);
      // A dashboard whose socket stalls while a long import keeps publishing progress.
      const count = 1_030; // just past the 1,024 pending events a subscription could hold
      for (let i = 0; i < count; i++) pubsub.publish(TOPIC, id, snapshot(id, i));

      expect((await within(first, 'the first event')).value).toMatchObject({ processed: 0 });
      let last = 0;
      while (last < count - 1) {
        const next = await within(sub.next(), `the event after #${last} (the latest published is #${count - 1})`);
        last = (next.value as PipelineRunSnapshot).processed;
      }
      expect(last).toBe(count - 1);
      await sub.return();
    });
  },
);

describe('PubSub (memory): one instance per process', () => {
  it('does not deliver across two instances (they stand for two processes without Redis)', async () => {
    const [one, two] = [createMemoryPubSub(), createMemoryPubSub()];
    const id = randomUUID();
    const sub = two.subscribe(TOPIC, id);
    const next = sub.next();
    one.publish(TOPIC, id, snapshot(id, 1));
    two.publish(TOPIC, id, snapshot(id, 2));
    expect((await next).value).toMatchObject({ processed: 2 });
    await sub.return();
  });
});

describe.runIf(testRedisUrl)('PubSub (redis): across processes, through Redis channels', () => {
  const backend = redis(testRedisUrl ?? '');

  it('lets two separate instances (two processes) see each other’s events', async () => {
    const [one, two] = [await backend.instance(), await backend.instance()];
    const id = randomUUID();
    const atOne = one.pubsub.subscribe(TOPIC, id);
    const atTwo = two.pubsub.subscribe(TOPIC, id);
    const nextAtOne = atOne.next();
    const nextAtTwo = atTwo.next();
    await one.listening(id, 2); // both subscriber connections

    one.pubsub.publish(TOPIC, id, snapshot(id, 1));
    expect((await within(nextAtTwo, 'instance two hears instance one')).value).toEqual(snapshot(id, 1));
    expect((await within(nextAtOne, 'instance one hears itself through Redis')).value).toEqual(snapshot(id, 1));

    two.pubsub.publish(TOPIC, id, snapshot(id, 2));
    expect((await within(atOne.next(), 'instance one hears instance two')).value).toEqual(snapshot(id, 2));
    expect((await within(atTwo.next(), 'instance two hears itself')).value).toEqual(snapshot(id, 2));
    await Promise.all([atOne.return(), atTwo.return()]);
  });

  it('subscribes a channel while it has listeners and unsubscribes it when the last one leaves', async () => {
    const instance = await backend.instance();
    const probe = await connect(testRedisUrl!, 'test-probe');
    const id = randomUUID();
    expect(await numsub(probe, id)).toBe(0);

    const first = instance.pubsub.subscribe(TOPIC, id);
    const second = instance.pubsub.subscribe(TOPIC, id);
    const firstNext = first.next();
    const secondNext = second.next();
    await instance.listening(id);
    expect(await numsub(probe, id)).toBe(1); // one connection per process, whatever the number of listeners

    await first.return();
    instance.pubsub.publish(TOPIC, id, snapshot(id, 1)); // the channel is still needed by `second`
    expect((await within(secondNext, 'the remaining listener')).value).toMatchObject({ processed: 1 });
    expect(await numsub(probe, id)).toBe(1);
    expect(await firstNext).toEqual({ done: true, value: undefined });

    await second.return();
    await eventually(async () => (await numsub(probe, id)) === 0, 'the channel to be unsubscribed');
  });

  it('accepts events published by any Redis client on the channel, and reports (not delivers) malformed ones', async () => {
    const instance = await backend.instance();
    const other = await connect(testRedisUrl!, 'test-other-language');
    const id = randomUUID();
    const sub = instance.pubsub.subscribe(TOPIC, id);
    const next = sub.next();
    await instance.listening(id);

    await other.publish(`${CHANNEL_PREFIX}${TOPIC}:${id}`, '{not json');
    await other.publish(`${CHANNEL_PREFIX}${TOPIC}:${id}`, JSON.stringify(snapshot(id, 5)));

    expect((await within(next, 'the well-formed event')).value).toEqual(snapshot(id, 5));
    expect(instance.errors).toHaveLength(1);
    expect(instance.errors[0]).toBeInstanceOf(SyntaxError);
    await sub.return();
  });

  it('reports a publish or subscribe that Redis cannot take, and keeps the process alive (no unhandled rejection)', async () => {
    // Connections that fail every command at once: Redis unreachable, no offline queue.
    const down = () => {
      const redis = createRedis('redis://127.0.0.1:1/0', 'test-down');
      redis.options.enableOfflineQueue = false;
      redis.on('error', () => undefined);
      closers.push(async () => redis.disconnect());
      return redis;
    };
    const errors: unknown[] = [];
    const pubsub = createRedisPubSub(down(), down(), { onError: (error) => errors.push(error) });
    const sub = pubsub.subscribe(TOPIC, randomUUID());
    void sub.next();
    pubsub.publish(TOPIC, randomUUID(), snapshot('x', 1));
    await eventually(async () => errors.length >= 2, 'both failures to be reported');
    await sub.return();
  });
});
