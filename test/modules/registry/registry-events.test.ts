import { userActor } from '../../../src/access/index.js';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryPubSub } from '../../../src/infra/pubsub/index.js';
import { createLogger } from '../../../src/logger.js';
import { RegistryEvents, type RegistryEvent } from '../../../src/modules/registry/index.js';
import { promoteIfBetter } from '../../../src/modules/training/promotion.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

const EVENTS = `subscription ($model: String) {
  modelEvents(model: $model) { kind model version fromVersion alias routes { alias weight } actor reason at }
}`;

type Stream = AsyncIterableIterator<ExecutionResult>;
type Event = Record<string, unknown>;

async function events(t: TestApp, model: string | null): Promise<Stream> {
  const stream = await t.subscribe(EVENTS, { model });
  if (!(Symbol.asyncIterator in stream)) throw new Error(`not a stream: ${JSON.stringify(stream.errors)}`);
  return stream;
}

async function take(stream: Stream, count: number, keep: (event: Event) => boolean = () => true): Promise<Event[]> {
  const seen: Event[] = [];
  while (seen.length < count) {
    const next = await stream.next();
    if (next.done) throw new Error(`the stream ended after ${seen.length} events`);
    expect(next.value.errors).toBeUndefined();
    const event = (next.value.data as { modelEvents: Event }).modelEvents;
    if (keep(event)) seen.push(event);
  }
  return seen;
}

const event = (kind: string, fields: Event = {}): Event => ({
  kind,
  model: 'evented',
  version: null,
  fromVersion: null,
  alias: null,
  routes: null,
  actor: null,
  reason: null,
  at: expect.any(String),
  ...fields,
});

describe('Model registry events (modelEvents)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '0' });
    await createLinearModel(t.app.modules.get('registry'), 'evented');
    await createLinearModel(t.app.modules.get('registry'), 'elsewhere');
  });
  afterAll(() => t.close());

  it('delivers one event per kind of change, in commit order, to a subscriber of the model', async () => {
    const stream = await events(t, 'evented');
    const all = await events(t, null);
    const ok = (result: ExecutionResult) => expect(result.errors).toBeUndefined();
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'evented', [1, 1], 0);
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'elsewhere', [1, 1], 0); // another model: not in `stream`
    ok(
      await t.run(
        `mutation { setModelAlias(name: "evented", alias: "champion", version: 1, reason: "first") { version } }`,
        {},
        userActor('ann', 'ADMIN'),
      ),
    );
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'evented', [2, 2], 0, { aliases: ['challenger'] });
    ok(
      await t.run(
        `mutation { setTrafficSplit(name: "evented", routes: [{ alias: "champion", weight: 9 }, { alias: "challenger", weight: 1 }]) { name } }`,
        {},
        userActor('bob', 'ADMIN'),
      ),
    );
    ok(await t.run(`mutation { setTrafficSplit(name: "evented", routes: []) { name } }`));
    ok(await t.run(`mutation { deleteModelAlias(name: "evented", alias: "challenger", reason: "lost") { name } }`));
    ok(
      await t.run(
        `mutation { loadModel(name: "evented", alias: "champion") { version } }`,
        {},
        userActor('ops', 'ADMIN'),
      ),
    );
    ok(await t.run(`mutation { unloadModel(name: "evented", reason: "memory") }`));
    ok(await t.run(`mutation { setModelAlias(name: "evented", alias: "champion", version: 2) { version } }`));

    expect(await take(stream, 10)).toEqual([
      event('VERSION_REGISTERED', { version: 1, actor: 'test' }),
      event('ALIAS_SET', { alias: 'champion', version: 1, actor: 'ann', reason: 'first' }),
      event('VERSION_REGISTERED', { version: 2, actor: 'test' }),
      event('ALIAS_SET', { alias: 'challenger', version: 2, actor: 'test' }),
      event('TRAFFIC_SPLIT_SET', {
        routes: [
          { alias: 'champion', weight: 9 },
          { alias: 'challenger', weight: 1 },
        ],
        actor: 'bob',
      }),
      // The rest ran as the test's system actor: recorded under its name.
      event('TRAFFIC_SPLIT_SET', { routes: [], actor: 'test' }),
      event('ALIAS_DELETED', { alias: 'challenger', fromVersion: 2, reason: 'lost', actor: 'test' }),
      event('LOAD_REQUESTED', { alias: 'champion', version: 1, actor: 'ops' }),
      event('UNLOAD_REQUESTED', { reason: 'memory', actor: 'test' }), // no version: every loaded version of the model
      event('ALIAS_SET', { alias: 'champion', version: 2, fromVersion: 1, actor: 'test' }),
    ]);
    // Other test files may publish on a shared Redis: keep this file's models.
    const everything = await take(all, 3, (e) => ['evented', 'elsewhere'].includes(e.model as string));
    expect(everything.map((e) => [e.kind, e.model])).toEqual([
      ['VERSION_REGISTERED', 'evented'],
      ['VERSION_REGISTERED', 'elsewhere'],
      ['ALIAS_SET', 'evented'],
    ]);
    await stream.return?.();
    await all.return?.();
  });

  it('publishes nothing for a change that rolled back, nor for a move that changes nothing', async () => {
    const stream = await events(t, 'evented');
    const v3 = await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'evented', [3, 3], 0);
    const failed = await t.app.modules
      .get('registry')
      .aliases.moveWithin('evented', async (_tx, _model, move) => {
        await move({ alias: 'champion', target: v3 });
        throw new Error('something after the move failed');
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failed).toBeInstanceOf(Error);
    await t.app.modules
      .get('registry')
      .aliases.set({ actor: TEST_ACTOR, model: 'evented', alias: 'champion', version: 2 }); // already there
    const missing = await t.run(
      `mutation { setModelAlias(name: "evented", alias: "champion", version: 99) { version } }`,
    );
    expect(errorCode(missing)).toBe('NOT_FOUND');
    await t.app.modules
      .get('registry')
      .aliases.set({ actor: TEST_ACTOR, model: 'evented', alias: 'canary', version: 3, reason: 'marker' });
    // Events arrive in commit order: the next one after the registration is the marker, nothing in between.
    expect((await take(stream, 2)).map((e) => [e.kind, e.alias, e.version, e.reason])).toEqual([
      ['VERSION_REGISTERED', null, 3, null],
      ['ALIAS_SET', 'canary', 3, 'marker'],
    ]);
    const champion = await t.app.modules
      .get('registry')
      .aliases.resolve(await t.app.modules.get('registry').models.getByName('evented'), 'champion');
    expect(champion.version).toBe(2);
    await stream.return?.();
  });

  it('publishes the moves of a promotion after training (through the aliases service)', async () => {
    const stream = await events(t, 'evented');
    const v3 = await t.app.modules.get('registry').versions.get('evented', 3);
    const outcome = await promoteIfBetter(t.app.modules.get('registry').aliases, {
      model: 'evented',
      candidate: { id: v3.id, version: 3, score: 1 },
      metric: 'score',
      actor: 'training',
      runId: null,
    });
    // champion v2 has no "score" metric: not promoted, nothing moved, nothing published
    expect(outcome.promoted).toBe(false);
    await t.app.modules.get('registry').aliases.delete({ actor: TEST_ACTOR, model: 'evented', alias: 'champion' });
    const first = await promoteIfBetter(t.app.modules.get('registry').aliases, {
      model: 'evented',
      candidate: { id: v3.id, version: 3, score: 0.9 },
      metric: 'score',
      actor: 'training',
      runId: null,
    });
    expect(first.promoted).toBe(true);
    expect((await take(stream, 2)).map((e) => [e.kind, e.alias, e.version, e.actor])).toEqual([
      ['ALIAS_DELETED', 'champion', null, 'test'],
      ['ALIAS_SET', 'champion', 3, 'training'],
    ]);
    await stream.return?.();
  });

  it('refuses a subscription to a model that does not exist', async () => {
    const result = (await t.subscribe(EVENTS, { model: 'no-such-model' })) as ExecutionResult;
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain('no model named "no-such-model"');
  });

  it('applies loadModel here before answering, and does not apply its own event again', async () => {
    const v1 = await t.app.modules.get('registry').versions.get('evented', 1);
    await t.app.modules.get('serving').serving.loadHere({ model: 'evented', version: 1 });
    const loaded = await t.run(`mutation { loadModel(name: "evented", version: 3) { version hits } }`);
    expect(loaded.data).toEqual({ loadModel: { version: 3, hits: 0 } });
    // Another process unloads v1. Events are applied one at a time in publishing order, so once v1 is gone this
    // process has dealt with its own LOAD_REQUESTED too: applying it would have been a cache hit on v3.
    new RegistryEvents(t.app.pubsub, createLogger('silent')).publish([
      { kind: 'UNLOAD_REQUESTED', model: 'evented', version: 1, versionId: v1.id },
    ]);
    await vi.waitFor(
      () =>
        expect(
          t.app.modules
            .get('serving')
            .cache.list()
            .some((entry) => entry.key === v1.id),
        ).toBe(false),
      {
        timeout: 10_000,
      },
    );
    const v3 = t.app.modules
      .get('serving')
      .cache.list()
      .find((entry) => entry.modelName === 'evented' && entry.version === 3);
    expect(v3?.hits).toBe(0);
  });
});

describe('RegistryEvents.follow', () => {
  it("applies other processes' events in order and skips the ones its own process published", async () => {
    const pubsub = createMemoryPubSub();
    const logger = createLogger('silent');
    const mine = new RegistryEvents(pubsub, logger);
    const theirs = new RegistryEvents(pubsub, logger);
    const applied: RegistryEvent[] = [];
    let markerSeen!: () => void;
    const marker = new Promise<void>((resolve) => (markerSeen = resolve));
    const follower = await mine.follow(async (event) => {
      applied.push(event);
      if (event.reason === 'marker') markerSeen();
    });
    mine.publish([{ kind: 'UNLOAD_REQUESTED', model: 'm', reason: 'mine' }]);
    theirs.publish([{ kind: 'LOAD_REQUESTED', model: 'm', version: 1, reason: 'theirs' }]);
    theirs.publish([{ kind: 'ALIAS_SET', model: 'm', alias: 'a', version: 1, reason: 'marker' }]);
    await marker;
    expect(applied.map((e) => [e.kind, e.reason])).toEqual([
      ['LOAD_REQUESTED', 'theirs'],
      ['ALIAS_SET', 'marker'],
    ]);
    await follower.stop();
  });
});
