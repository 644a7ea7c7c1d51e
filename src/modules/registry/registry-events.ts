// Registry events: what changed in the model registry (versions, aliases, traffic splits) and the cluster-wide
// load / unload requests, on one pubsub channel that every process (API and worker) follows and dashboards watch.
// Services publish only after their transaction commits, so nobody hears of a change that was rolled back.
// Read-your-writes: publishing a change that moves routes first tells this process's route listeners (serving's
// route cache), synchronously, so this process's own next predict reads the new state even though `follow` never
// hands a process its own events. Other processes forget when the event arrives (serving/registry-follower.ts).
import { randomUUID } from 'node:crypto';
import type { AppPubSub, PubSubTopics } from '../../infra/pubsub/index.js';
import type { Logger } from '../../logger.js';

export const REGISTRY_EVENT_KINDS = [
  'VERSION_REGISTERED',
  'ALIAS_SET',
  'ALIAS_DELETED',
  'TRAFFIC_SPLIT_SET',
  'LOAD_REQUESTED',
  'UNLOAD_REQUESTED',
] as const;
export type RegistryEventKind = (typeof REGISTRY_EVENT_KINDS)[number];

// Where requests go; LOAD_REQUESTED / UNLOAD_REQUESTED change what is loaded, not that.
const ROUTE_CHANGES: ReadonlySet<RegistryEventKind> = new Set([
  'VERSION_REGISTERED',
  'ALIAS_SET',
  'ALIAS_DELETED',
  'TRAFFIC_SPLIT_SET',
]);

type Payload = PubSubTopics['modelRegistryEvent'][1];
export interface RegistryEvent extends Payload {
  kind: RegistryEventKind;
}

/** What a service says about a change; when and from which process are filled in on publishing. */
export interface RegistryChange {
  kind: RegistryEventKind;
  model: string;
  /** The version registered, the one an alias now points at, or the one (un)loaded; null: every loaded one. */
  version?: number | null;
  /** Its database id, so other processes find it in their cache without a lookup. */
  versionId?: number | null;
  /** Where the alias pointed before (ALIAS_SET, ALIAS_DELETED). */
  fromVersion?: number | null;
  alias?: string | null;
  routes?: ReadonlyArray<{ alias: string; weight: number }> | null;
  actor?: string | null;
  reason?: string | null;
}

const TOPIC = 'modelRegistryEvent';
const CHANNEL = 'all';
// Not a registry event: a process hearing its own probe knows its subscription is live (Redis confirms
// SUBSCRIBE asynchronously). Every other listener ignores it, as it ignores any kind it does not know.
const PROBE = 'SUBSCRIPTION_PROBE';
const KNOWN = new Set<string>(REGISTRY_EVENT_KINDS);
const isRegistryEvent = (event: Payload): event is RegistryEvent => KNOWN.has(event.kind);

export interface RegistryFollower {
  stop(): Promise<void>;
}

export class RegistryEvents {
  /** Tells this process's events from the others' (one per composed app: two apps in one test process differ). */
  readonly origin = randomUUID();

  private readonly routeListeners: Array<(model: string) => void> = [];

  constructor(
    private readonly pubsub: AppPubSub,
    private readonly logger: Logger,
  ) {}

  /** `listener` hears, before it is published, of every change here that moves a model's routes. */
  onRoutesChanged(listener: (model: string) => void): void {
    this.routeListeners.push(listener);
  }

  /** Call after the changes' transaction committed. */
  publish(changes: readonly RegistryChange[]): void {
    const at = new Date().toISOString();
    for (const change of changes)
      if (ROUTE_CHANGES.has(change.kind)) for (const listener of this.routeListeners) listener(change.model);
    for (const change of changes)
      this.pubsub.publish(TOPIC, CHANNEL, {
        kind: change.kind,
        model: change.model,
        version: change.version ?? null,
        versionId: change.versionId ?? null,
        fromVersion: change.fromVersion ?? null,
        alias: change.alias ?? null,
        routes: change.routes ? change.routes.map(({ alias, weight }) => ({ alias, weight })) : null,
        actor: change.actor ?? null,
        reason: change.reason ?? null,
        at,
        origin: this.origin,
      });
  }

  /** Every event published from now on, of one model or of all; subscribed before this returns. */
  stream(model: string | null): AsyncIterableIterator<RegistryEvent> {
    const events = this.pubsub.subscribe(TOPIC, CHANNEL);
    // Repeaters are lazy: asking for the first event now is what subscribes, before the caller's first next().
    let pending = events.next();
    const iterator: AsyncIterableIterator<RegistryEvent> = {
      async next() {
        for (;;) {
          const result = await pending;
          if (result.done) return { done: true, value: undefined };
          pending = events.next();
          const event = result.value;
          if (isRegistryEvent(event) && (model === null || event.model === model)) return { done: false, value: event };
        }
      },
      async return() {
        await events.return();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /**
   * Hands `handle` every event other processes publish, one at a time in order (an unload after a load must end
   * unloaded). Resolves once the subscription is live, or after `readyTimeoutMs` with a warning: a process that
   * missed an event at boot holds nothing loaded yet, so it only loses a warm-up.
   */
  async follow(handle: (event: RegistryEvent) => Promise<void>, readyTimeoutMs = 5_000): Promise<RegistryFollower> {
    const events = this.pubsub.subscribe(TOPIC, CHANNEL);
    let pending = events.next(); // subscribes now (see stream)
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const loop = (async () => {
      for (;;) {
        const result = await pending;
        if (result.done) return;
        pending = events.next();
        const event = result.value;
        if (event.origin === this.origin) {
          if (event.kind === PROBE) markReady();
          continue; // this process acted when it answered the mutation
        }
        if (!isRegistryEvent(event)) continue;
        await handle(event).catch((error: unknown) =>
          this.logger.warn({ err: error, event }, 'could not apply a model registry event'),
        );
      }
    })().catch((error: unknown) => this.logger.error({ err: error }, 'model registry events: stopped following'));
    this.pubsub.publish(TOPIC, CHANNEL, { ...probe, at: new Date().toISOString(), origin: this.origin });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), readyTimeoutMs);
      timer.unref();
    });
    if (await Promise.race([ready.then(() => false), timedOut]))
      this.logger.warn({ readyTimeoutMs }, 'model registry events: subscription not confirmed yet; going on');
    clearTimeout(timer);
    return {
      async stop() {
        await events.return();
        await loop;
      },
    };
  }
}

const probe = {
  kind: PROBE,
  model: '',
  version: null,
  versionId: null,
  fromVersion: null,
  alias: null,
  routes: null,
  actor: null,
  reason: null,
};
