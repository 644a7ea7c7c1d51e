// The request's repository loaders: by id, and the relation lists (a user's, a topic's, a language's
// repositories) with their counts, one statement per batch of parents asking the same thing. Repositories read
// by id, by name or as a catalog page arrive with their owners joined in; priming the user loader with them means
// a later `owner` costs no extra statement.
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../../lib/keyset/index.js';
import type { Primers } from '../../../graphql/context.js';
import type {
  OwnedRepositoryRecord,
  RepositoryRecord,
  RepositoryScope,
  RepositoryService,
  ScopeKey,
} from './repositories.service.js';

export type RepositoryPagesOf<S extends RepositoryScope> = (
  query: ListQuery,
) => DataLoader<ScopeKey<S>, Page<RepositoryRecord>>;
export type RepositoryCountsOf<S extends RepositoryScope> = (query: ListQuery) => DataLoader<ScopeKey<S>, number>;

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends RepositoryLoaders {}
  interface Primers {
    /** A repository row read with something else (a contribution): later loads of it are free. */
    repository(repository: RepositoryRecord): void;
  }
}

export interface RepositoryLoaders {
  repositoryById: DataLoader<number, RepositoryRecord | null>;
  /** Hands the owners that came with repositories (a lookup by name, a catalog page) to the user loader. */
  primeOwners: (repositories: Iterable<OwnedRepositoryRecord>) => void;
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

export function createRepositoryLoaders(service: RepositoryService, prime: Primers): RepositoryLoaders {
  const primeOwners = (repositories: Iterable<OwnedRepositoryRecord>) => {
    for (const repository of repositories) prime.user(repository.owner);
  };
  return {
    repositoryById: mapLoader(async (ids) => {
      const repositories = await service.findByIds(ids);
      primeOwners(repositories.values());
      return repositories;
    }, null),
    primeOwners,
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
