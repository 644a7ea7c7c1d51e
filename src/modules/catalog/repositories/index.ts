// The repositories module (catalog): repositories with filters, orderings, search and relation lists.
import { defineModule } from '../../module.js';
import { createRepositoryLoaders } from './repositories.loader.js';
import { RepositoryRelationsResolver } from './repositories.relations.js';
import { RepositoryResolver } from './repositories.resolver.js';
import { RepositoryService } from './repositories.service.js';

export {
  RepositoryService,
  WHOLE_REPOSITORY,
  joinedRepository,
  repositoryColumns,
  repositoryFields,
  repositorySelect,
  type RepositoryField,
  type RepositoryRecord,
  type RepositoryScope,
} from './repositories.service.js';
export { REPOSITORY_FIELD_NEEDS, repositoryReadFor } from './repositories.fields.js';
export { Repository, RepositoryConnection } from './repositories.type.js';
export { RepositoriesArgs } from './repositories.args.js';
export { repositoryListQuery, type RepositoryListRequest } from './repositories.query.js';
export { createRepositoryLoaders, type RepositoryLoaders } from './repositories.loader.js';

declare module '../../module.js' {
  interface ModuleServices {
    repositories: { repositories: RepositoryService };
  }
}

export const repositoriesModule = defineModule({
  name: 'repositories',
  resolvers: [RepositoryResolver, RepositoryRelationsResolver],
  create: ({ db }) => ({ repositories: new RepositoryService(db.prisma, db.sql) }),
  resolverInstances: ({ repositories }) => [new RepositoryResolver(repositories)],
  // Repositories (by id, by name, catalog pages) bring their owners along: `owner` is then free.
  loaders: ({ repositories }, prime) => createRepositoryLoaders(repositories, prime),
  primers: (loaders) => ({
    repository: (repository) => void loaders.repositoryById.prime(repository.id, repository),
  }),
});
