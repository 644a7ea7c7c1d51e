// What every resolver receives: the request's id and logger, its own DataLoaders (created per request, so a cached
// row never leaks across users or outlives the request) and the event streams behind subscriptions.
//
// `Loaders`, `Primers` and `Streams` start empty: each module adds its members with declaration merging in its
// own loader file (`declare module '…/graphql/context.js' { interface Loaders extends UserLoaders {} }`), so this
// lower layer knows no module and the composition root builds the set from the module list.
import type { Actor } from '../access/actor.js';
import type { Logger } from '../logger.js';

export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  /** Who is asking: services take it and decide from the policy table (src/access/policy.ts). */
  viewer: Actor;
  loaders: Loaders;
  /** Event streams behind subscriptions (type-graphql's `subscribe` has no resolver instance to reach services). */
  streams: Streams;
}

/** Every DataLoader of a request, by name. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface Loaders {}

/** Hooks through which rows one module read fill another module's loaders (e.g. owners joined to repositories). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface Primers {}

/** Subscription streams, by name. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface Streams {}
