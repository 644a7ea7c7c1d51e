export { RepositoryService, repositorySelect, type RepositoryRecord } from './repositories.service.js';
export { Repository, RepositoryConnection, RepositoryRelationsResolver } from './repositories.type.js';
export { RepositoryResolver } from './repositories.resolver.js';
