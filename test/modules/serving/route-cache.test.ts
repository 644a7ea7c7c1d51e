// The route cache on its own, with a clock the test moves: expiry, forgetting, reads that race a forget, and
// that only what exists is kept.
import { describe, expect, it } from 'vitest';
import { notFound } from '../../../src/errors.js';
import type { ModelRecord } from '../../../src/modules/registry/models.service.js';
import { RouteCache, type VersionRef } from '../../../src/modules/serving/route-cache.js';

const TTL = 2_000;
const record = (name: string, id = 1) => ({ id, name }) as ModelRecord;

function setup(ttl = TTL) {
  let clock = 0;
  const cache = new RouteCache(ttl, () => clock);
  const reads = { model: 0, alias: 0 };
  let current = record('m');
  let pointsAt: VersionRef = { id: 10, version: 1 };
  return {
    cache,
    reads,
    advance: (ms: number) => void (clock += ms),
    setModel: (model: ModelRecord) => void (current = model),
    moveAlias: (ref: VersionRef) => void (pointsAt = ref),
    model: () =>
      cache.model('m', async () => {
        reads.model += 1;
        return current;
      }),
    alias: (model: ModelRecord) =>
      cache.alias(model, 'champion', async () => {
        reads.alias += 1;
        return pointsAt;
      }),
  };
}

describe('RouteCache', () => {
  it('serves the model and its routes from memory until the time-to-live ends', async () => {
    const s = setup();
    const model = await s.model();
    expect(await s.alias(model)).toEqual({ id: 10, version: 1 });
    s.moveAlias({ id: 11, version: 2 }); // a change whose event was lost
    s.advance(TTL - 1);
    expect(await s.model()).toBe(model);
    expect(await s.alias(model)).toEqual({ id: 10, version: 1 });
    expect(s.reads).toEqual({ model: 1, alias: 1 });
    s.advance(1); // the routes never outlive the model row they were resolved with
    const again = await s.model();
    expect(await s.alias(again)).toEqual({ id: 11, version: 2 });
    expect(s.reads).toEqual({ model: 2, alias: 2 });
  });

  it('forget drops the model and its routes at once', async () => {
    const s = setup();
    await s.alias(await s.model());
    s.moveAlias({ id: 11, version: 2 });
    s.cache.forget('m');
    expect(await s.alias(await s.model())).toEqual({ id: 11, version: 2 });
    expect(s.reads).toEqual({ model: 2, alias: 2 });
  });

  it('does not keep what a read that raced a forget returned (it may predate the change)', async () => {
    const s = setup();
    const model = await s.model();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const racing = s.cache.alias(model, 'champion', async () => {
      await gate;
      return { id: 10, version: 1 }; // read before the move committed
    });
    s.cache.forget('m');
    release();
    expect(await racing).toEqual({ id: 10, version: 1 });
    s.moveAlias({ id: 11, version: 2 });
    expect(await s.alias(await s.model())).toEqual({ id: 11, version: 2 });
  });

  it('a route resolved with an older model row is not attached to the newer one', async () => {
    const s = setup();
    const old = await s.model();
    s.cache.forget('m');
    s.setModel(record('m', 2)); // deleted and created again
    const fresh = await s.model();
    await s.alias(old);
    await s.alias(fresh);
    expect(s.reads.alias).toBe(2);
    await s.alias(fresh);
    expect(s.reads.alias).toBe(2);
  });

  it('keeps nothing that does not exist: a NOT_FOUND is read again', async () => {
    const s = setup();
    const model = await s.model();
    let reads = 0;
    const missing = () =>
      s.cache.version(model, 9, async () => {
        reads += 1;
        throw notFound('no version 9');
      });
    await expect(missing()).rejects.toThrow('no version 9');
    await expect(missing()).rejects.toThrow('no version 9');
    expect(reads).toBe(2);
  });

  it('a time-to-live of 0 caches nothing', async () => {
    const s = setup(0);
    await s.alias(await s.model());
    await s.alias(await s.model());
    expect(s.reads).toEqual({ model: 2, alias: 2 });
  });
});
