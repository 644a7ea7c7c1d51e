// Per-request loaders of recommendations. One batch answers every user a request asks about: their published
// lists (one statement), and for those without one who contribute nothing, recommendations from their own text
// (a few statements for all of them), so a page of users costs the same statements however many it holds.
import type DataLoader from 'dataloader';
import { mapLoader } from '../../../graphql/loader-family.js';
import { COMPONENT_SCALE, type PublishedList } from '../lists/list-store.js';
import type { ProfileItem, ProfileRecommender } from '../profile/profile-recommender.js';
import { SIGNALS, type Weights } from '../signals/signal-set.js';
import { MAX_RECOMMENDATIONS } from './list-view.js';
import type { ReaderProfile, RecommendationReader } from './recommendation-reader.js';

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends RecommendationLoaders {}
}

export interface RecommendationLoaders {
  /**
   * A user's list in the published run; for a user who contributes nothing, one made from their own text
   * (`fromProfile`); null for a user who contributes but has no list yet.
   */
  recommendationList: DataLoader<number, PublishedList | null>;
  recommendationProfile: DataLoader<number, ReaderProfile | null>;
}

export function createRecommendationLoaders(
  reader: RecommendationReader,
  recommender: ProfileRecommender,
): RecommendationLoaders {
  return {
    recommendationList: mapLoader(async (ids: readonly number[]) => {
      const lists = await reader.lists(ids);
      const missing = ids.filter((id) => !lists.has(id));
      if (missing.length === 0) return lists;
      const texts = await reader.textsOfNonContributors(missing);
      if (texts.length === 0) return lists;
      const { byUser, weights } = await recommender.fromTexts(texts, MAX_RECOMMENDATIONS);
      for (const [userId, items] of byUser) lists.set(userId, asList(userId, items, weights));
      return lists;
    }, null),
    recommendationProfile: mapLoader((ids: readonly number[]) => reader.profiles(ids), null),
  };
}

/** Profile recommendations in the stored list's shape, so filters, weights and paging work the same. */
function asList(userId: number, items: readonly ProfileItem[], weights: Weights): PublishedList {
  return {
    runId: 'profile',
    fromProfile: true,
    weights,
    userId,
    fingerprint: '',
    repositoryIds: items.map((item) => item.repositoryId),
    scores: items.map((item) => item.score),
    components: items.flatMap((item) => SIGNALS.map((signal) => Math.round(item.components[signal] * COMPONENT_SCALE))),
    viaRepositoryIds: items.map(() => 0),
    sharedContributors: items.map(() => 0),
  };
}
