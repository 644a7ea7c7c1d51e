// The request's repository loaders: by id, and the relation lists (a user's, a topic's, a language's
// repositories) with their counts, one statement per batch of parents asking the same thing.
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../lib/keyset/index.js';
import type { RepositoryRecord, RepositoryScope, RepositoryService, ScopeKey } from './repositories.service.js';

export type RepositoryPagesOf<S extends RepositoryScope> = (
  query: ListQuery,
) => DataLoader<ScopeKey<S>, Page<RepositoryRecord>>;
export type RepositoryCountsOf<S extends RepositoryScope> = (query: ListQuery) => DataLoader<ScopeKey<S>, number>;

export interface RepositoryLoaders {
  repositoryById: DataLoader<number, RepositoryRecord | null>;
  repositoriesOf: { [S in RepositoryScope]: RepositoryPagesOf<S> };
  repositoryCountOf: { [S in RepositoryScope]: RepositoryCountsOf<S> };
}

function pagesOf<S extends RepositoryScope>(service: RepositoryService, scope: S): RepositoryPagesOf<S> {
  return loaderFamily(
    (query) => query.key,
    (query) => mapLoader((keys: readonly ScopeKey<S>[]) => service.listOf(scope, keys, query), emptyPage()),
  );
}

function countsOf<S extends RepositoryScope>(service: RepositoryService, scope: S): RepositoryCountsOf<S> {
  return loaderFamily(
    (query) => query.countKey,
    (query) => mapLoader((keys: readonly ScopeKey<S>[]) => service.countOf(scope, keys, query), 0),
  );
}

export function createRepositoryLoaders(service: RepositoryService): RepositoryLoaders {
  return {
    repositoryById: mapLoader((ids) => service.findByIds(ids), null),
    repositoriesOf: {
      owner: pagesOf(service, 'owner'),
      topic: pagesOf(service, 'topic'),
      language: pagesOf(service, 'language'),
    },
    repositoryCountOf: {
      owner: countsOf(service, 'owner'),
      topic: countsOf(service, 'topic'),
      language: countsOf(service, 'language'),
    },
  };
}
