// Which registry events make cached routes stale, and read-your-writes for the process making the change: it
// forgets the model's routes synchronously, before publishing, so its own next predict reads the new state even
// though RegistryEvents.follow never hands a process its own events. Other processes forget when the event
// arrives (registry-follower.ts).
import type { AppPubSub } from '../../infra/pubsub/index.js';
import type { Logger } from '../../logger.js';
import { RegistryEvents, type RegistryChange, type RegistryEventKind } from './registry-events.js';
import type { RouteCache } from './route-cache.js';

// LOAD_REQUESTED / UNLOAD_REQUESTED change what is loaded, not where requests go.
const ROUTE_CHANGES: ReadonlySet<RegistryEventKind> = new Set([
  'VERSION_REGISTERED',
  'ALIAS_SET',
  'ALIAS_DELETED',
  'TRAFFIC_SPLIT_SET',
]);

const changesRoutes = (kind: RegistryEventKind): boolean => ROUTE_CHANGES.has(kind);

/** RegistryEvents that also invalidate this process's route cache for every change it publishes. */
export class RouteInvalidatingEvents extends RegistryEvents {
  constructor(
    pubsub: AppPubSub,
    logger: Logger,
    private readonly routes: Pick<RouteCache, 'forget'>,
  ) {
    super(pubsub, logger);
  }

  override publish(changes: readonly RegistryChange[]): void {
    for (const change of changes) if (changesRoutes(change.kind)) this.routes.forget(change.model);
    super.publish(changes);
  }
}
