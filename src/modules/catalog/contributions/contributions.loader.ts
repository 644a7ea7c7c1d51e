// The request's contribution loaders: contributors per repository and contributions per user, pages and counts,
// batched over parents. Pages arrive with their users / repositories joined in; priming the by-id loaders with
// them means a later `node { login }` or `repository { owner }` costs no extra statement.
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../../lib/keyset/index.js';
import type { Primers } from '../../../graphql/context.js';
import type { ContributionService, ContributorRecord, UserContributionRecord } from './contributions.service.js';

type Family<V> = (query: ListQuery) => DataLoader<number, V>;

export interface ContributionLoaders {
  contributorsOf: Family<Page<ContributorRecord>>;
  contributorCountOf: Family<number>;
  contributionsOf: Family<Page<UserContributionRecord>>;
  contributionCountOf: Family<number>;
}

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends ContributionLoaders {}
}

export function createContributionLoaders(service: ContributionService, prime: Primers): ContributionLoaders {
  return {
    contributorsOf: loaderFamily(
      (query) => query.key,
      (query) =>
        mapLoader(async (ids: readonly number[]) => {
          const pages = await service.contributorsOf(ids, query);
          for (const page of pages.values()) for (const row of page.rows) prime.user(row.user);
          return pages;
        }, emptyPage()),
    ),
    contributorCountOf: loaderFamily(
      (query) => query.countKey,
      (query) => mapLoader((ids: readonly number[]) => service.countContributorsOf(ids, query), 0),
    ),
    contributionsOf: loaderFamily(
      (query) => query.key,
      (query) =>
        mapLoader(async (ids: readonly number[]) => {
          const pages = await service.contributionsOf(ids, query);
          for (const page of pages.values()) for (const row of page.rows) prime.repository(row.repository);
          return pages;
        }, emptyPage()),
    ),
    contributionCountOf: loaderFamily(
      (query) => query.countKey,
      (query) => mapLoader((ids: readonly number[]) => service.countContributionsOf(ids, query), 0),
    ),
  };
}
