// Every DataLoader of a request, made fresh per request by `createLoaders` (a cached row never leaks across users
// or outlives the request). Each module defines its loaders in `<domain>.loader.ts`; this file only joins them.
import {
  createContributionLoaders,
  type ContributionLoaders,
  type ContributionService,
} from '../modules/contributions/index.js';
import { createLanguageLoaders, type LanguageLoaders, type LanguageService } from '../modules/languages/index.js';
import { createModelLoaders, type ModelLoaderServices, type ModelLoaders } from '../modules/models/index.js';
import {
  createRepositoryLoaders,
  type RepositoryLoaders,
  type RepositoryService,
} from '../modules/repositories/index.js';
import { createTopicLoaders, type TopicLoaders, type TopicService } from '../modules/topics/index.js';
import { createUserLoaders, type UserLoaders, type UserRecord, type UserService } from '../modules/users/index.js';

export type Loaders = UserLoaders &
  RepositoryLoaders &
  TopicLoaders &
  LanguageLoaders &
  ContributionLoaders &
  ModelLoaders;

export interface LoaderServices {
  users: UserService;
  repositories: RepositoryService;
  topics: TopicService;
  languages: LanguageService;
  contributions: ContributionService;
  models: ModelLoaderServices;
}

export function createLoaders(services: LoaderServices): Loaders {
  const users = createUserLoaders(services.users);
  const primeUser = (user: UserRecord) => void users.userById.prime(user.id, user);
  // Repositories (by id, by name, catalog pages) bring their owners along: `owner` is then free.
  const repositories = createRepositoryLoaders(services.repositories, { owner: primeUser });
  return {
    ...users,
    ...repositories,
    ...createTopicLoaders(services.topics),
    ...createLanguageLoaders(services.languages),
    ...createModelLoaders(services.models),
    // Contributor and contribution pages bring their users / repositories along: later loads of them are free.
    ...createContributionLoaders(services.contributions, {
      user: primeUser,
      repository: (repository) => void repositories.repositoryById.prime(repository.id, repository),
    }),
  };
}
