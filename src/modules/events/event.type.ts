// The event log as GraphQL serves it (admins only): activity this API recorded and events it ingested.
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.js';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import type { ActivityEventPayload } from '../../infra/pubsub/index.js';

/** An event as the type shows it: what is announced, with its time as a Date. */
export type EventView = Omit<ActivityEventPayload, 'occurredAt'> & { occurredAt: Date };

@ObjectType({
  description:
    'Something that happened: a check-in, a change to an objective or key result, a prediction served (sampled ' +
    'like the prediction log), a pipeline run started, or an ingested event. Kept EVENT_RETENTION_DAYS.',
})
export class Event {
  @Field(() => ID, { description: 'Increasing in the order events were recorded.' })
  id!: string;

  @Field(() => String, { description: 'E.g. "checkIn.created", "objective.updated", "prediction.served".' })
  type!: string;

  @Field(() => String, { description: '"activity" for what this API recorded; else where it was ingested from.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Who did it: a login or a system task.' })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: 'What it is about, e.g. "objective:12", "keyResult:40".' })
  subject!: string | null;

  @Field(() => JSONScalar, { description: 'The details (the change, the values, the model version).' })
  payload!: unknown;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  static of(view: EventView): Event {
    return Object.assign(new Event(), view);
  }
}

@ObjectType()
export class EventConnection extends ConnectionType(Event, 'Event') {}

@InputType({ description: 'Every given condition must hold.' })
export class EventFilter {
  @Field(() => String, { nullable: true, description: 'Who did it (a login), exactly.' })
  actor?: string | null;

  @Field(() => [String], { nullable: true, description: 'Any of these types.' })
  types?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What it is about ("objective:12"), exactly.' })
  subject?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'At or after this instant.' })
  since?: Date | null;

  @Field(() => String, { nullable: true, description: '"activity", or an ingestion source.' })
  source?: string | null;
}

@ArgsType()
export class EventsArgs extends PaginationArgs {
  @Field(() => EventFilter, { nullable: true })
  filter?: EventFilter | null;
}
