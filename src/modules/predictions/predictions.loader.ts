// Per-request DataLoaders of the prediction log: `Model.predictions` is one statement per distinct page request,
// however many models the response lists, and so is its totalCount.
import type { Actor } from '../../access/index.js';
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../lib/keyset/index.js';
import type { PredictionRecord, PredictionService } from './predictions.service.js';

declare module '../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends PredictionLoaders {}
}

export interface PredictionLoaders {
  predictionsOf: (query: ListQuery) => DataLoader<number, Page<PredictionRecord>>;
  predictionCountOf: (query: ListQuery) => DataLoader<number, number>;
}

/** The log holds what callers sent: each batch checks `viewer` against the policy (predictions.log.read). */
export function createPredictionLoaders(predictions: PredictionService, viewer: Actor): PredictionLoaders {
  return {
    predictionsOf: loaderFamily(
      (query) => query.key,
      (query) => mapLoader((ids: readonly number[]) => predictions.pagesOf(ids, query, viewer), emptyPage()),
    ),
    predictionCountOf: loaderFamily(
      (query) => query.countKey,
      (query) => mapLoader((ids: readonly number[]) => predictions.countsOf(ids, query, viewer), 0),
    ),
  };
}
