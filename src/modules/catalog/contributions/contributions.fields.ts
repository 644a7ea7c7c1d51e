// Which columns of the joined rows a contribution list reads, from the field's selection (graphql/selection.ts):
// a repository's contributors read the user fields their nodes are asked for, a user's contributions the
// repository fields. Remembered per selection (one per field of a cached document).
import type { GraphQLResolveInfo } from 'graphql';
import { fieldsNeeded, nodeSelection, selectionOf, type SelectionTree } from '../../../graphql/selection.js';
import type { FieldSet } from '../../../lib/sql/select-columns.js';
import { REPOSITORY_FIELD_NEEDS, repositoryFields, type RepositoryField } from '../repositories/index.js';
import { USER_FIELD_NEEDS, userFields, type UserField } from '../users/index.js';

const contributorSets = new WeakMap<SelectionTree, FieldSet<UserField>>();
const repositorySets = new WeakMap<SelectionTree, FieldSet<RepositoryField>>();

/** The user fields of `Repository.contributors` (its nodes, or its edges' nodes). */
export function contributorFields(info: GraphQLResolveInfo): FieldSet<UserField> {
  const selection = selectionOf(info);
  let set = contributorSets.get(selection);
  if (!set)
    contributorSets.set(selection, (set = userFields(fieldsNeeded(nodeSelection(selection), USER_FIELD_NEEDS))));
  return set;
}

/** The repository fields of `User.contributions` (the `repository` of its nodes; the id alone when not asked). */
export function contributionRepositoryFields(info: GraphQLResolveInfo): FieldSet<RepositoryField> {
  const selection = selectionOf(info);
  let set = repositorySets.get(selection);
  if (!set) {
    const repository = nodeSelection(selection).get('repository');
    set = repositoryFields(repository ? fieldsNeeded(repository, REPOSITORY_FIELD_NEEDS) : []);
    repositorySets.set(selection, set);
  }
  return set;
}
