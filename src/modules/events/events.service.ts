// Reading the event log and following it live: admins only (policy events.read). GraphQL-free.
import { authorize, type Actor } from '../../access/index.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ActivityEventPayload, AppPubSub } from '../../infra/pubsub/index.js';
import { fetchCount, fetchPage, type RawRow } from '../../lib/keyset/index.js';
import { badInput } from '../../errors.js';
import type { EventView } from './event.type.js';
import { eventListQuery, eventSource, EVENTS_FROM, MAX_TYPES, type EventListRequest } from './events.query.js';

/** A stored event as read (ids are BIGINT). */
export type EventRecord = Omit<EventView, 'id'> & { id: bigint; receivedAt: Date };

export class EventService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: AppPubSub,
  ) {}

  async list(request: EventListRequest, viewer: Actor) {
    authorize(viewer, 'events.read');
    const query = eventListQuery(request);
    const page = await fetchPage(
      this.prisma,
      eventSource(query),
      query.plan,
      (row: RawRow) => row as unknown as EventRecord,
    );
    return { ...page, count: () => fetchCount(this.prisma, { from: EVENTS_FROM, where: query.where }) };
  }

  /** Activity events from now on, of these types (all when null); FORBIDDEN at once for non-admins. */
  watch(types: readonly string[] | null, viewer: Actor): AsyncIterable<ActivityEventPayload> {
    authorize(viewer, 'events.read');
    if (types !== null && (types.length === 0 || types.length > MAX_TYPES))
      throw badInput(`types: 1 to ${MAX_TYPES} event types, or leave it out for all`, { argument: 'types' });
    const wanted = types === null ? null : new Set(types);
    const events = this.pubsub.subscribe('activityEvent', 'all');
    return (async function* () {
      try {
        for await (const event of events as AsyncIterable<ActivityEventPayload>)
          if (!wanted || wanted.has(event.type)) yield event;
      } finally {
        await events.return();
      }
    })();
  }
}
