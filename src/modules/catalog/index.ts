// The catalog family: GitHub users, repositories, topics, languages and contributions, and Relay node lookups
// over them. Each member is a module of its own (one descriptor in its index.ts); the family is listed here in
// the order they are composed.
import { contributionsModule } from './contributions/index.js';
import { languagesModule } from './languages/index.js';
import { nodesModule } from './nodes/index.js';
import { repositoriesModule } from './repositories/index.js';
import { topicsModule } from './topics/index.js';
import { usersModule } from './users/index.js';

export const catalogModules = [
  usersModule,
  repositoriesModule,
  topicsModule,
  languagesModule,
  contributionsModule,
  nodesModule,
] as const;

export * from './users/index.js';
export * from './repositories/index.js';
export * from './topics/index.js';
export * from './languages/index.js';
export * from './contributions/index.js';
export * from './nodes/index.js';
