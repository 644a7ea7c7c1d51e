// The users module (catalog): GitHub accounts, their tech stacks and relation lists.
import { defineModule } from '../../module.js';
import { createUserLoaders } from './users.loader.js';
import { UserRelationsResolver } from './users.relations.js';
import { UserResolver } from './users.resolver.js';
import { UserService } from './users.service.js';

export {
  UserService,
  WHOLE_USER,
  joinedUser,
  toUserRecord,
  userColumns,
  userFields,
  userSelect,
  type UserField,
  type UserRecord,
} from './users.service.js';
export { USER_FIELD_NEEDS } from './users.fields.js';
export { User, UserConnection, UserType } from './users.type.js';
export { TechStack, TechStackShare } from './tech-stack.type.js';
export { createUserByIdLoader, createUserLoaders, type UserLoaders } from './users.loader.js';

declare module '../../module.js' {
  interface ModuleServices {
    users: { users: UserService };
  }
}

export const usersModule = defineModule({
  name: 'users',
  resolvers: [UserResolver, UserRelationsResolver],
  create: ({ db }) => ({ users: new UserService(db.prisma, db.sql) }),
  resolverInstances: ({ users }) => [new UserResolver(users)],
  loaders: ({ users }) => createUserLoaders(users),
  primers: (loaders) => ({ user: (user) => void loaders.userById.prime(user.id, user) }),
});
