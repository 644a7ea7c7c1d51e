// Per-request loaders of similar repositories: one statement for every parent asking the same thing.
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../../graphql/loader-family.js';
import type { SimilarRequest } from './similar.query.js';
import type { SimilarHit, SimilarService } from './similar.service.js';

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends SimilarLoaders {}
}

export interface SimilarLoaders {
  similarRepositories: (request: SimilarRequest) => DataLoader<number, SimilarHit[]>;
}

export function createSimilarLoaders(similar: SimilarService): SimilarLoaders {
  return {
    similarRepositories: loaderFamily(
      (request) => request.key,
      (request) => mapLoader((ids: readonly number[]) => similar.similarTo(ids, request), []),
    ),
  };
}
