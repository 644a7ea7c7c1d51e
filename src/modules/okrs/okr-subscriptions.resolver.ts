// Live OKRs over graphql-ws: an objective as it changes (objectiveUpdated), and a person's OKR activity
// (okrActivity). Both send only what the subscriber may see when the change happens.
import { Arg, Field, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { OkrActivityEvent } from './okr-changes.js';
import type { ObjectiveRecord } from './okr-records.js';
import { Objective } from './okrs.type.js';

declare module '../../graphql/context.js' {
  interface Streams {
    objectiveUpdated(id: number, viewer: GraphQLContext['viewer']): Promise<AsyncIterable<unknown>>;
    okrActivity(owner: string, viewer: GraphQLContext['viewer']): AsyncIterable<unknown>;
  }
}

@ObjectType({ description: 'A change to an objective, one of its key results or a check-in.' })
export class OkrActivity {
  @Field(() => String, {
    description:
      'OBJECTIVE_CREATED, OBJECTIVE_UPDATED, OBJECTIVE_ARCHIVED, KEY_RESULT_ADDED, KEY_RESULT_UPDATED, ' +
      'KEY_RESULT_REMOVED or CHECK_IN.',
  })
  kind!: string;

  @Field(() => Objective, { description: 'The objective as it is now.' })
  objective!: Objective;

  @Field(() => Int, { nullable: true })
  keyResultId!: number | null;

  @Field(() => Int, { nullable: true })
  checkInId!: number | null;

  @Field(() => String, { nullable: true, description: 'Who made the change (a login, or a system task).' })
  actor!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;
}

@Resolver()
export class OkrSubscriptionsResolver {
  @Subscription(() => Objective, {
    description:
      'The objective after each change to it, its key results or their check-ins (NOT_FOUND if you may not see it).',
    subscribe: ({ args, context }) => {
      const { streams, viewer } = context as GraphQLContext;
      return streams.objectiveUpdated((args as { id: number }).id, viewer);
    },
  })
  objectiveUpdated(@Root() record: ObjectiveRecord, @Arg('id', () => Int) _id: number): Objective {
    return new Objective(record);
  }

  @Subscription(() => OkrActivity, {
    description: "Changes to a person's objectives, key results and check-ins, as they happen (those you may see).",
    subscribe: ({ args, context }) => {
      const { streams, viewer } = context as GraphQLContext;
      return streams.okrActivity((args as { owner: string }).owner, viewer);
    },
  })
  okrActivity(
    @Root() event: OkrActivityEvent,
    @Arg('owner', () => String, { description: 'The owner’s login.' }) _owner: string,
  ): OkrActivity {
    return Object.assign(new OkrActivity(), {
      kind: event.change.kind,
      objective: new Objective(event.objective),
      keyResultId: event.change.keyResultId,
      checkInId: event.change.checkInId,
      actor: event.change.actor,
      at: new Date(event.change.at),
    });
  }
}
