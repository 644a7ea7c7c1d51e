import DataLoader from 'dataloader';
import type { UserRecord, UserService } from './users.service.js';

/** One query for every user id asked for in the same tick of a request. */
export function createUserByIdLoader(users: UserService): DataLoader<number, UserRecord | null> {
  return new DataLoader(async (ids) => {
    const found = await users.findByIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
