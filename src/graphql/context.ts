// What every resolver receives: the request's id and logger, and its own DataLoaders (created per request, so a
// cached row never leaks across users or outlives the request).
import type { Logger } from '../logger.js';
import type { Loaders } from './loaders.js';

export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  loaders: Loaders;
  /** Event streams behind subscriptions (type-graphql's `subscribe` has no resolver instance to reach services). */
  streams: Streams;
}

export interface Streams {
  pipelineRun(id: string): AsyncIterable<unknown>;
  /** Model registry events, of one model or all (null); rejects when the named model does not exist. */
  modelEvents(model: string | null): Promise<AsyncIterable<unknown>>;
}
