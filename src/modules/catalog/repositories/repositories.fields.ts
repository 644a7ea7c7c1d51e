// The record fields each field of Repository reads (its relations included), so a list of repositories reads only
// the columns its selection needs (graphql/selection.ts). A field missing here (one another module adds, such as
// `similar`) makes the read take whole records.
import { fieldsNeeded, type SelectionTree } from '../../../graphql/selection.js';
import { USER_FIELD_NEEDS, userFields } from '../users/index.js';
import { repositoryFields, type RepositoryField, type RepositoryRead } from './repositories.service.js';

export const REPOSITORY_FIELD_NEEDS: Readonly<Record<string, readonly RepositoryField[]>> = {
  id: ['id'],
  databaseId: ['id'],
  githubId: ['githubId'],
  fullName: ['fullName'],
  name: ['name'],
  description: ['description'],
  language: ['language'],
  topicNames: ['topics'],
  formerNames: ['formerNames'],
  stars: ['stars'],
  forks: ['forks'],
  openIssues: ['openIssues'],
  license: ['license'],
  url: ['url', 'fullName'],
  homepage: ['homepage'],
  createdAt: ['createdAt'],
  pushedAt: ['pushedAt'],
  updatedAt: ['updatedAt'],
  statsAsOf: ['statsAsOf'],
  syncedAt: ['syncedAt'],
  // Relations (repositories.relations.ts).
  owner: ['ownerId'],
  topics: ['topics'],
  primaryLanguage: ['language'],
  contributors: ['id'],
};

const reads = new WeakMap<SelectionTree, RepositoryRead>();

/** What a list of repositories must read for the objects' `selection` (see graphql/selection.ts). */
export function repositoryReadFor(selection: SelectionTree): RepositoryRead {
  let read = reads.get(selection);
  if (!read) {
    const owner = selection.get('owner');
    read = {
      repository: repositoryFields(fieldsNeeded(selection, REPOSITORY_FIELD_NEEDS)),
      owner: owner ? userFields(fieldsNeeded(owner, USER_FIELD_NEEDS)) : null,
    };
    reads.set(selection, read);
  }
  return read;
}
