// Per-request loaders of recommendations: one statement for the lists and one for the profiles of every user a
// request asks about.
import type DataLoader from 'dataloader';
import { mapLoader } from '../../../graphql/loader-family.js';
import type { PublishedList } from '../lists/list-store.js';
import type { ReaderProfile, RecommendationReader } from './recommendation-reader.js';

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends RecommendationLoaders {}
}

export interface RecommendationLoaders {
  /** A user's list in the published run (null: none published for them). */
  recommendationList: DataLoader<number, PublishedList | null>;
  recommendationProfile: DataLoader<number, ReaderProfile | null>;
}

export function createRecommendationLoaders(reader: RecommendationReader): RecommendationLoaders {
  return {
    recommendationList: mapLoader((ids: readonly number[]) => reader.lists(ids), null),
    recommendationProfile: mapLoader((ids: readonly number[]) => reader.profiles(ids), null),
  };
}
