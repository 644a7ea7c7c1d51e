// The events module: the event log (activity recorded by the modules in their own transactions, ingested events),
// paged and live for admins, and its retention. Composed first: every module may record activity.
import { defineModule } from '../module.js';
import { EventRetention } from './event-retention.js';
import { EventsResolver } from './events.resolver.js';
import { EventService } from './events.service.js';

export {
  ACTIVITY_SOURCE,
  ACTIVITY_TYPES,
  activityRows,
  announceActivity,
  recordActivity,
  type ActivityEvent,
  type ActivityType,
} from './activity-events.js';
export { EventRetention } from './event-retention.js';

export interface EventServices {
  events: EventService;
  retention: EventRetention;
}

declare module '../module.js' {
  interface ModuleServices {
    events: EventServices;
  }
}

export const eventsModule = defineModule({
  name: 'events',
  resolvers: [EventsResolver],
  create: ({ db, pubsub, config, logger }): EventServices => ({
    events: new EventService(db.prisma, pubsub),
    retention: new EventRetention(db.prisma, {
      retentionDays: config.EVENT_RETENTION_DAYS,
      intervalMs: config.EVENT_RETENTION_INTERVAL_MS,
      logger: logger.child({ module: 'events' }),
    }),
  }),
  resolverInstances: ({ events }) => [new EventsResolver(events)],
  streams: ({ events }) => ({ events: (types, viewer) => events.watch(types, viewer) }),
  async start({ retention }) {
    retention.start();
  },
  async close({ retention }) {
    await retention.stop();
  },
});
