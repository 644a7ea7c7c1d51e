export {
  RepositoryService,
  repositoryColumns,
  repositorySelect,
  type RepositoryRecord,
  type RepositoryScope,
} from './repositories.service.js';
export { createRepositoryLoaders, type RepositoryLoaders } from './repositories.loader.js';
export { repositoryListQuery, type RepositoryListRequest } from './repositories.query.js';
export { Repository, RepositoryConnection } from './repositories.type.js';
export { RepositoryResolver } from './repositories.resolver.js';
export { RepositoryRelationsResolver } from './repositories.relations.js';
