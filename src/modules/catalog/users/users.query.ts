// A user list request (filter, ordering, page) checked and turned into SQL parts before anything is read.
import { listQuery, type ListQuery, type PageArgs } from '../../../lib/keyset/index.js';
import { userConditions, type UserFilterInput } from './users.filter.js';
import { userOrdering, type UserOrderInput } from './users.ordering.js';

export interface UserListRequest extends PageArgs {
  filter?: UserFilterInput | null;
  orderBy?: UserOrderInput | null;
}

export function userListQuery(request: UserListRequest): ListQuery {
  const { where, search } = userConditions(request.filter);
  return listQuery(where, userOrdering(request.orderBy, search), request, request.filter);
}
