// Users (GitHub accounts: people and organisations). Batch reads for the per-request loaders.
import type { PrismaClient, User } from '../../generated/prisma/client.js';
import { badInput, notFound } from '../../errors.js';

export type UserRecord = Omit<User, 'embedding'>;

// Explicit select: never ship the embedding (1.5 KB a row) where nobody asked for it.
export const userSelect = {
  id: true,
  githubId: true,
  login: true,
  type: true,
  name: true,
  bio: true,
  company: true,
  location: true,
  avatarUrl: true,
  publicRepos: true,
  followers: true,
  following: true,
  createdAt: true,
  etag: true,
  insertedAt: true,
  syncedAt: true,
} as const;

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export class UserService {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIds(ids: readonly number[]): Promise<Map<number, UserRecord>> {
    const rows = await this.prisma.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: userSelect });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Case-insensitive, as on GitHub. */
  async getByLogin(login: string): Promise<UserRecord> {
    const trimmed = login.trim();
    if (!LOGIN.test(trimmed)) {
      throw badInput(`"${login}" is not a GitHub login: use 1 to 39 letters, digits or hyphens`, { argument: 'login' });
    }
    const row = await this.prisma.user.findFirst({
      where: { login: { equals: trimmed, mode: 'insensitive' } },
      select: userSelect,
    });
    if (!row) throw notFound(`no user with login "${trimmed}"`, { argument: 'login' });
    return row;
  }
}
