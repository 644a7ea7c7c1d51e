// The record fields each field of User reads, so a list of users reads only the columns its selection needs
// (graphql/selection.ts). A field missing here (one another module adds) makes the read take whole records.
import type { UserField } from './users.service.js';

export const USER_FIELD_NEEDS: Readonly<Record<string, readonly UserField[]>> = {
  id: ['id'],
  databaseId: ['id'],
  githubId: ['githubId'],
  login: ['login'],
  type: ['type'],
  name: ['name'],
  bio: ['bio'],
  company: ['company'],
  location: ['location'],
  avatarUrl: ['avatarUrl'],
  publicRepos: ['publicRepos'],
  followers: ['followers'],
  following: ['following'],
  createdAt: ['createdAt'],
  url: ['login'],
  // Relations (users.relations.ts) hang off the id.
  contributions: ['id'],
  repositories: ['id'],
  techStack: ['id'],
};
