// Per-process cache of what routing a predict reads from the registry: the model row (task, schemas, traffic
// split) and the version ids behind its aliases and version numbers. With it a predict on a loaded version sends
// no SQL at all. Correctness comes from two mechanisms:
// - registry events: the process making a change forgets the model synchronously before publishing it
//   (registry-events.ts: read-your-writes), every other process when it hears the event (registry-follower.ts);
// - a time-to-live (MODEL_ROUTE_TTL_MS): an event lost on the way (a Redis blip) leaves a route stale for at most
//   that long, counted from when the model row was read (its routes never outlive it).
// Only what exists is cached (a NOT_FOUND is read again next time), so entries are bounded by the registry's
// models, aliases and versions; nothing a client invents can grow it.
import type { ModelRecord } from '../registry/index.js';

/** A version as routing needs it: its database id (the loaded-model cache key) and its number. */
export interface VersionRef {
  id: number;
  version: number;
}

interface ModelRoutes {
  model: ModelRecord;
  expiresAt: number;
  aliases: Map<string, VersionRef>;
  versions: Map<number, VersionRef>;
}

export class RouteCache {
  private readonly byName = new Map<string, ModelRoutes>();
  // Bumped by every forget: a read that started before it may hold the old state, so its result is not kept.
  private epoch = 0;

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The model named `name`, cached; `read` fetches it (and throws NOT_FOUND) when not cached or expired. */
  async model(name: string, read: () => Promise<ModelRecord>): Promise<ModelRecord> {
    const cached = this.live(name);
    if (cached) return cached.model;
    const epoch = this.epoch;
    const model = await read();
    if (epoch === this.epoch && this.ttlMs > 0)
      this.byName.set(model.name, {
        model,
        expiresAt: this.now() + this.ttlMs,
        aliases: new Map(),
        versions: new Map(),
      });
    return model;
  }

  /** The version `alias` of `model` points at. */
  alias(model: ModelRecord, alias: string, read: () => Promise<VersionRef>): Promise<VersionRef> {
    return this.lookup(model, (routes) => routes.aliases, alias, read);
  }

  /** The id of version number `version` of `model`. */
  version(model: ModelRecord, version: number, read: () => Promise<VersionRef>): Promise<VersionRef> {
    return this.lookup(model, (routes) => routes.versions, version, read);
  }

  /** Drops everything cached about the model (a registry change, or a cached route found broken). */
  forget(modelName: string): void {
    this.epoch += 1;
    this.byName.delete(modelName);
  }

  clear(): void {
    this.epoch += 1;
    this.byName.clear();
  }

  private async lookup<K>(
    model: ModelRecord,
    table: (routes: ModelRoutes) => Map<K, VersionRef>,
    key: K,
    read: () => Promise<VersionRef>,
  ): Promise<VersionRef> {
    // Routes hang off the model row they were resolved with: a row read afresh (or not kept) starts empty.
    const routes = this.live(model.name);
    const owned = routes?.model === model ? routes : undefined;
    const cached = owned && table(owned).get(key);
    if (cached) return cached;
    const epoch = this.epoch;
    const ref = await read();
    if (owned && epoch === this.epoch && this.byName.get(model.name) === owned) table(owned).set(key, ref);
    return ref;
  }

  private live(name: string): ModelRoutes | undefined {
    const routes = this.byName.get(name);
    if (!routes) return undefined;
    if (this.now() < routes.expiresAt) return routes;
    this.byName.delete(name);
    return undefined;
  }
}
