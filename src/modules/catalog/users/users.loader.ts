// The request's user loaders: by id, and tech stacks (one statement for every user of the request asking for
// the same number of entries).
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../../graphql/loader-family.js';
import type { TechStackRecord } from './tech-stack.js';
import type { UserRecord, UserService } from './users.service.js';

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends UserLoaders {}
  interface Primers {
    /** A user row read with something else (an owner, a contributor): later loads of it are free. */
    user(user: UserRecord): void;
  }
}

export interface UserLoaders {
  userById: DataLoader<number, UserRecord | null>;
  techStackOf: (limit: number) => DataLoader<number, TechStackRecord>;
}

const EMPTY_STACK: TechStackRecord = { languages: [], topics: [] };

/** One query for every user id asked for in the same tick of a request. */
export function createUserByIdLoader(users: UserService): DataLoader<number, UserRecord | null> {
  return mapLoader((ids) => users.findByIds(ids), null);
}

export function createUserLoaders(users: UserService): UserLoaders {
  return {
    userById: createUserByIdLoader(users),
    techStackOf: loaderFamily(
      (limit) => String(limit),
      (limit) => mapLoader((ids: readonly number[]) => users.techStacks(ids, limit), EMPTY_STACK),
    ),
  };
}
