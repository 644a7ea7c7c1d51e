export { UserService, userSelect, type UserRecord } from './users.service.js';
export { createUserByIdLoader } from './users.loader.js';
export { User, UserType } from './users.type.js';
export { UserResolver } from './users.resolver.js';
