// A repository list request (filter, ordering, page) checked and turned into SQL parts before anything is read.
import { listQuery, type ListQuery, type PageArgs } from '../../../lib/keyset/index.js';
import { repositoryConditions, type RepositoryFilterInput } from './repositories.filter.js';
import { repositoryOrdering, type RepositoryOrderInput } from './repositories.ordering.js';

export interface RepositoryListRequest extends PageArgs {
  filter?: RepositoryFilterInput | null;
  orderBy?: RepositoryOrderInput | null;
}

export function repositoryListQuery(request: RepositoryListRequest): ListQuery {
  const { where, search } = repositoryConditions(request.filter);
  return listQuery(where, repositoryOrdering(request.orderBy, search), request, request.filter);
}
