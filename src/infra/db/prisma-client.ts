import { PrismaClient } from '../../generated/prisma/client.js';
import type { QueryObserver } from './database.js';

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]['adapter']>;

/** A Prisma client over a driver adapter; with an observer, every statement Prisma sends is reported to it. */
export function createPrismaClient(adapter: AdapterFactory, onQuery?: QueryObserver): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (event) => onQuery(event.query));
  return prisma;
}
