export { UserService, userColumns, userSelect, type UserRecord } from './users.service.js';
export { createUserByIdLoader, createUserLoaders, type UserLoaders } from './users.loader.js';
export { User, UserConnection, UserType } from './users.type.js';
export { UserResolver } from './users.resolver.js';
export { UserRelationsResolver } from './users.relations.js';
export { TechStack, TechStackShare } from './tech-stack.type.js';
