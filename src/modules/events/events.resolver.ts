// Query.events and Subscription.events: the event log, paged and live (admins only, policy events.read).
import { Arg, Args, Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { toConnection } from '../../graphql/connection.js';
import type { ActivityEventPayload } from '../../infra/pubsub/index.js';
import { Event, EventConnection, EventsArgs } from './event.type.js';
import type { EventRecord, EventService } from './events.service.js';

declare module '../../graphql/context.js' {
  interface Streams {
    events(types: readonly string[] | null, viewer: GraphQLContext['viewer']): AsyncIterable<unknown>;
  }
}

const view = (row: EventRecord) => Event.of({ ...row, id: String(row.id) });

@Resolver()
export class EventsResolver {
  constructor(private readonly log: EventService) {}

  @Query(() => EventConnection, {
    description: 'The event log, newest first, filtered; `totalCount` counts the whole filtered log. Admins only.',
  })
  async events(@Args(() => EventsArgs) args: EventsArgs, @Ctx() { viewer }: GraphQLContext): Promise<EventConnection> {
    const page = await this.log.list(args, viewer);
    return toConnection(EventConnection, page, { node: view, totalCount: page.count });
  }

  @Subscription(() => Event, {
    name: 'events',
    description:
      'Activity events as they are recorded (after their change commits), of these types or all. Admins only.',
    subscribe: ({ args, context }) => {
      const { streams, viewer } = context as GraphQLContext;
      return streams.events((args as { types?: string[] | null }).types ?? null, viewer);
    },
  })
  liveEvents(
    @Root() event: ActivityEventPayload,
    @Arg('types', () => [String], { nullable: true, description: 'E.g. ["checkIn.created"]; all when left out.' })
    _types: string[] | null,
  ): Event {
    return Event.of({ ...event, occurredAt: new Date(event.occurredAt) });
  }
}
