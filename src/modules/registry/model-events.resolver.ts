import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ModelEvent } from './model-event.type.js';
import type { RegistryEvent } from './registry-events.js';

/** Registry events for dashboards: every process publishes, every API process delivers. */
@Resolver(() => ModelEvent)
export class ModelEventsResolver {
  @Subscription(() => ModelEvent, {
    description:
      'Registry changes (versions, aliases, traffic splits) and loadModel / unloadModel requests from every ' +
      'process, as they commit; of one model, or of all without `model`. Nothing is replayed: events start now.',
    // type-graphql calls `subscribe` outside the resolver instance, so the stream comes from the context.
    subscribe: ({ args, context }) =>
      (context as GraphQLContext).streams.modelEvents((args as { model?: string | null }).model ?? null),
  })
  modelEvents(
    @Root() event: RegistryEvent,
    @Arg('model', () => String, { nullable: true, description: 'Only this model (it must exist).' })
    _model?: string | null,
  ): ModelEvent {
    return new ModelEvent(event);
  }
}
