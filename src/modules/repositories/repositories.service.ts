// Repositories: lookups and keyset-paginated listing. GraphQL-free; resolvers adapt the results.
import type { PrismaClient, Repository } from '../../generated/prisma/client.js';
import { badInput, notFound } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';

export type RepositoryRecord = Omit<Repository, 'embedding'>;

export const repositorySelect = {
  id: true,
  githubId: true,
  fullName: true,
  ownerId: true,
  name: true,
  description: true,
  language: true,
  topics: true,
  stars: true,
  forks: true,
  openIssues: true,
  license: true,
  url: true,
  homepage: true,
  formerNames: true,
  createdAt: true,
  pushedAt: true,
  updatedAt: true,
  statsAsOf: true,
  etag: true,
  insertedAt: true,
  syncedAt: true,
} as const;

const FULL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** The default ordering: most starred first, ties broken by id so the order is total (cursors need that). */
const ORDER = 'stars_desc';

export interface RepositoryPage {
  rows: RepositoryRecord[];
  cursorOf: (row: RepositoryRecord) => string;
}

export class RepositoryService {
  constructor(private readonly prisma: PrismaClient) {}

  /** By "owner/name", case-insensitive as on GitHub. */
  async getByFullName(fullName: string): Promise<RepositoryRecord> {
    const trimmed = fullName.trim();
    if (!FULL_NAME.test(trimmed)) {
      throw badInput(`"${fullName}" is not a repository full name: expected "owner/name", e.g. "facebook/react"`, {
        argument: 'fullName',
      });
    }
    const row = await this.prisma.repository.findFirst({
      where: { fullName: { equals: trimmed, mode: 'insensitive' } },
      select: repositorySelect,
    });
    if (!row) throw notFound(`no repository named "${trimmed}"`, { argument: 'fullName' });
    return row;
  }

  async findByIds(ids: readonly number[]): Promise<Map<number, RepositoryRecord>> {
    const rows = await this.prisma.repository.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: repositorySelect,
    });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** `take` rows (ask for one more than the page to learn whether another page follows) after `after`. */
  async list(options: { take: number; after?: string | null }): Promise<RepositoryPage> {
    let where = {};
    if (options.after) {
      const [stars, id] = decodeCursor(options.after, ORDER, 2);
      if (typeof stars !== 'number' || typeof id !== 'number')
        throw badInput('Invalid cursor in "after"', { argument: 'after' });
      where = { OR: [{ stars: { lt: stars } }, { stars, id: { gt: id } }] };
    }
    const rows = await this.prisma.repository.findMany({
      where,
      orderBy: [{ stars: 'desc' }, { id: 'asc' }],
      take: options.take,
      select: repositorySelect,
    });
    return { rows, cursorOf: (row) => encodeCursor(ORDER, [row.stars, row.id]) };
  }

  count(): Promise<number> {
    return this.prisma.repository.count();
  }
}
