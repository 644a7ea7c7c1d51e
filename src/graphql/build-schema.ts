// Builds the executable schema from type-graphql resolver classes. Which classes, and the instances that carry
// services, come from the composition root's module list (src/compose.ts); this file knows no module.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { validateArgument } from './validate-args.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver class type
export type ResolverClass = Function;

/**
 * `instances` supplies resolvers that need services; classes without constructor arguments are created on
 * demand. Without instances (schema emission) nothing is executed, so nothing is needed.
 */
export function buildGraphQLSchema(
  classes: readonly ResolverClass[],
  instances: ReadonlyArray<object> = [],
): Promise<GraphQLSchema> {
  if (classes.length === 0) throw new Error('a schema needs at least one resolver class');
  const byClass = new Map<ResolverClass, object>(instances.map((instance) => [instance.constructor, instance]));
  return buildSchema({
    resolvers: [...classes] as NonEmptyArray<ResolverClass>,
    container: {
      get: (someClass: ResolverClass) => {
        let instance = byClass.get(someClass);
        if (!instance) {
          instance = new (someClass as new () => object)();
          byClass.set(someClass, instance);
        }
        return instance;
      },
    },
    validateFn: validateArgument,
    // type-graphql insists on a pubSub whenever there are subscriptions, but ours all use `subscribe` with a
    // stream from the context (which replays the current state first), so this one must never be reached.
    pubSub: {
      publish: () => {
        throw new Error('publish through the application pubsub (src/infra/pubsub), not type-graphql');
      },
      subscribe: () => {
        throw new Error('every subscription must declare `subscribe` (see pipeline.resolver.ts)');
      },
    },
  });
}

/** The SDL as committed in schema.graphql: sorted, so it only changes when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
