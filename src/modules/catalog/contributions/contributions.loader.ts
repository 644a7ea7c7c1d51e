// The request's contribution loaders: contributors per repository and contributions per user, pages and counts,
// batched over parents. Pages arrive with their users / repositories joined in; priming the by-id loaders with
// them means a later `node { login }` or `repository { owner }` costs no extra statement.
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../../lib/keyset/index.js';
import type { Primers } from '../../../graphql/context.js';
import type { FieldSet } from '../../../lib/sql/select-columns.js';
import type { RepositoryField } from '../repositories/index.js';
import type { UserField } from '../users/index.js';
import type { ContributionService, ContributorRecord, UserContributionRecord } from './contributions.service.js';

type Family<V> = (query: ListQuery) => DataLoader<number, V>;
/** A page family that also depends on which fields of the joined rows are read (see the service). */
type ReadFamily<V, F extends string> = (query: ListQuery, fields: FieldSet<F>) => DataLoader<number, V>;

export interface ContributionLoaders {
  contributorsOf: ReadFamily<Page<ContributorRecord>, UserField>;
  contributorCountOf: Family<number>;
  contributionsOf: ReadFamily<Page<UserContributionRecord>, RepositoryField>;
  contributionCountOf: Family<number>;
}

/** loaderFamily over (query, fields) pairs. */
function readFamily<V, F extends string>(
  create: (query: ListQuery, fields: FieldSet<F>) => DataLoader<number, V>,
): ReadFamily<V, F> {
  const family = loaderFamily(
    ({ query, fields }: { query: ListQuery; fields: FieldSet<F> }) => `${query.key}|${fields.key}`,
    ({ query, fields }) => create(query, fields),
  );
  return (query, fields) => family({ query, fields });
}

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends ContributionLoaders {}
}

export function createContributionLoaders(service: ContributionService, prime: Primers): ContributionLoaders {
  return {
    contributorsOf: readFamily((query, users) =>
      mapLoader(async (ids: readonly number[]) => {
        const pages = await service.contributorsOf(ids, query, users);
        // Only whole rows may serve other fields' lookups.
        if (users.whole) for (const page of pages.values()) for (const row of page.rows) prime.user(row.user);
        return pages;
      }, emptyPage()),
    ),
    contributorCountOf: loaderFamily(
      (query) => query.countKey,
      (query) => mapLoader((ids: readonly number[]) => service.countContributorsOf(ids, query), 0),
    ),
    contributionsOf: readFamily((query, repositories) =>
      mapLoader(async (ids: readonly number[]) => {
        const pages = await service.contributionsOf(ids, query, repositories);
        if (repositories.whole) {
          for (const page of pages.values()) for (const row of page.rows) prime.repository(row.repository);
        }
        return pages;
      }, emptyPage()),
    ),
    contributionCountOf: loaderFamily(
      (query) => query.countKey,
      (query) => mapLoader((ids: readonly number[]) => service.countContributionsOf(ids, query), 0),
    ),
  };
}
