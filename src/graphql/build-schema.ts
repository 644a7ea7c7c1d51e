// Builds the executable schema from the type-graphql classes. Resolver instances (with their services) come from
// the composition root; this file knows no service.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { ContributionRelationsResolver } from '../modules/contributions/contributions.relations.js';
import { LanguageRelationsResolver } from '../modules/languages/languages.relations.js';
import { LanguageResolver } from '../modules/languages/languages.resolver.js';
import { modelResolverClasses } from '../modules/models/models.module.js';
import { NodeResolver } from '../modules/nodes/nodes.resolver.js';
import { IngestResolver } from '../modules/ingest/ingest.resolver.js';
import { PipelineResolver } from '../modules/pipeline/pipeline.resolver.js';
import { RepositoryRelationsResolver } from '../modules/repositories/repositories.relations.js';
import { RepositoryResolver } from '../modules/repositories/repositories.resolver.js';
import { SystemResolver } from '../modules/system/system.resolver.js';
import { TopicRelationsResolver } from '../modules/topics/topics.relations.js';
import { TopicResolver } from '../modules/topics/topics.resolver.js';
import { TrainingResolver } from '../modules/training/training.resolver.js';
import { UserRelationsResolver } from '../modules/users/users.relations.js';
import { UserResolver } from '../modules/users/users.resolver.js';
import { validateArgument } from './validate-args.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver class type
type ResolverClass = Function;

/** Every resolver class of the API. A new module adds its resolvers here. */
export const resolverClasses: NonEmptyArray<ResolverClass> = [
  NodeResolver,
  RepositoryResolver,
  RepositoryRelationsResolver,
  UserResolver,
  UserRelationsResolver,
  ContributionRelationsResolver,
  TopicResolver,
  TopicRelationsResolver,
  LanguageResolver,
  LanguageRelationsResolver,
  PipelineResolver,
  IngestResolver,
  ...modelResolverClasses,
  TrainingResolver,
  SystemResolver,
];

/**
 * `instances` supplies resolvers that need services; classes without constructor arguments are created on
 * demand. Without instances (schema emission) nothing is executed, so nothing is needed.
 */
export function buildGraphQLSchema(instances: ReadonlyArray<object> = []): Promise<GraphQLSchema> {
  const byClass = new Map<ResolverClass, object>(instances.map((instance) => [instance.constructor, instance]));
  return buildSchema({
    resolvers: resolverClasses,
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
