// Small, predictable catalog data for resolver tests (the import module has its own fixtures).
import type { ExecutionResult } from 'graphql';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

/** Repository i is "owner-(i mod owners)/repo-i" with 10·i stars, i forks and topics [topic-i, shared]. */
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
}

/** The error code of the first error, from the AppError behind it (in-process execution has no formatError). */
export function errorCode(result: ExecutionResult): string | undefined {
  const error = result.errors?.[0];
  const original = error?.originalError as { code?: string } | undefined;
  return original?.code ?? (error?.extensions?.code as string | undefined);
}
