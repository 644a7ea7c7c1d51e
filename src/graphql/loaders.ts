// Every DataLoader of a request, made fresh per request by `createLoaders`.
import type DataLoader from 'dataloader';
import { createUserByIdLoader, type UserRecord, type UserService } from '../modules/users/index.js';

export interface Loaders {
  userById: DataLoader<number, UserRecord | null>;
}

export interface LoaderServices {
  users: UserService;
}

export function createLoaders(services: LoaderServices): Loaders {
  return { userById: createUserByIdLoader(services.users) };
}
