// Small, predictable catalog data for resolver tests (the import module has its own fixtures).
import type { ExecutionResult } from 'graphql';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

/**
 * Repository i is "owner-(i mod owners)/repo-i" with 10·i stars, i forks and topics [topic-i, shared]; like the
 * importer, it gives every topic name a topic row.
 */
export async function seedCatalog(
  prisma: PrismaClient,
  counts: { owners: number; repositories: number },
): Promise<void> {
  await prisma.user.createMany({
    data: Array.from({ length: counts.owners }, (_, i) => ({ login: `owner-${i}`, followers: i })),
  });
  const owners = await prisma.user.findMany({ select: { id: true, login: true } });
  const idOf = new Map(owners.map((o) => [o.login, o.id]));
  await prisma.repository.createMany({
    data: Array.from({ length: counts.repositories }, (_, i) => ({
      fullName: `owner-${i % counts.owners}/repo-${i}`,
      name: `repo-${i}`,
      ownerId: idOf.get(`owner-${i % counts.owners}`)!,
      description: `Repository number ${i}`,
      language: i % 2 === 0 ? 'Go' : 'TypeScript',
      topics: [`topic-${i}`, 'shared'],
      stars: i * 10,
      forks: i,
      url: `https://github.com/owner-${i % counts.owners}/repo-${i}`,
    })),
  });
  await prisma.topic.createMany({
    data: [...Array.from({ length: counts.repositories }, (_, i) => `topic-${i}`), 'shared'].map((name) => ({ name })),
    skipDuplicates: true,
  });
}

/**
 * Contributors for every repository: `perRepository` of the users "dev-0".."dev-(pool-1)" (created here), dev j
 * of repository i being dev-((i + j) mod pool) with weight (perRepository - j) · 10 + i mod 7: distinct weights
 * per repository, and every dev contributing to several repositories (a tech stack worth computing).
 */
export async function seedContributors(
  prisma: PrismaClient,
  options: { pool: number; perRepository: number },
): Promise<void> {
  await prisma.user.createMany({
    data: Array.from({ length: options.pool }, (_, j) => ({ login: `dev-${j}`, followers: j * 3 })),
  });
  const devs = await prisma.user.findMany({
    where: { login: { startsWith: 'dev-' } },
    select: { id: true, login: true },
  });
  const idOf = new Map(devs.map((dev) => [dev.login, dev.id]));
  const repositories = await prisma.repository.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } });
  await prisma.contribution.createMany({
    data: repositories.flatMap((repository, i) =>
      Array.from({ length: options.perRepository }, (_, j) => ({
        userId: idOf.get(`dev-${(i + j) % options.pool}`)!,
        repositoryId: repository.id,
        weight: (options.perRepository - j) * 10 + (i % 7),
      })),
    ),
  });
}

/** The error code of the first error, from the AppError behind it (in-process execution has no formatError). */
export function errorCode(result: ExecutionResult): string | undefined {
  const error = result.errors?.[0];
  const original = error?.originalError as { code?: string } | undefined;
  return original?.code ?? (error?.extensions?.code as string | undefined);
}
