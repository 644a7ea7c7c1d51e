// Languages: not a table but the repositories grouped by primary language, with how many there are and their
// stars. Lookups by name (batched) and keyset-paginated lists over the grouped rows (languages.query.ts). GraphQL-free.
import { Prisma, type PrismaClient } from '../../../generated/prisma/client.js';
import { badInput, notFound } from '../../../errors.js';
import { fetchCount, fetchPage, type ListQuery, type Page, type RawRow } from '../../../lib/keyset/index.js';

export interface LanguageRecord {
  readonly name: string;
  readonly repositoryCount: number;
  /** A sum over many repositories: it may exceed 32 bits. */
  readonly totalStars: number;
}

const COLUMNS = Prisma.sql`l.name, l.repository_count AS "repositoryCount", l.total_stars AS "totalStars"`;
// One group per language, read through repositories_language_idx.
const GROUPED = (where: Prisma.Sql) => Prisma.sql`(SELECT r.language AS name, count(*)::int AS repository_count,
  coalesce(sum(r.stars), 0)::float8 AS total_stars FROM repositories r WHERE ${where} GROUP BY r.language) l`;
const FROM = GROUPED(Prisma.sql`r.language IS NOT NULL`);
const toRecord = (row: RawRow) => row as unknown as LanguageRecord;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw badInput('"name" must be a language name such as "TypeScript"', { argument: 'name' });
  }
  return trimmed;
}

export class LanguageService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Languages by their exact names (as repositories spell them); unknown names are absent. */
  async findByNames(names: readonly string[]): Promise<Map<string, LanguageRecord>> {
    const rows = await this.prisma.$queryRaw<RawRow[]>(
      Prisma.sql`SELECT ${COLUMNS} FROM ${GROUPED(Prisma.sql`r.language = ANY(${[...new Set(names)]}::text[])`)}`,
    );
    return new Map(rows.map((row) => [row['name'] as string, toRecord(row)]));
  }

  /** Case-insensitive ("typescript" finds "TypeScript"); the most used spelling wins if several exist. */
  async getByName(name: string): Promise<LanguageRecord> {
    const wanted = checkName(name);
    const [row] = await this.prisma.$queryRaw<RawRow[]>(
      Prisma.sql`SELECT ${COLUMNS} FROM ${GROUPED(Prisma.sql`lower(r.language) = lower(${wanted}::text)`)}
        ORDER BY l.repository_count DESC, l.name LIMIT 1`,
    );
    if (!row) throw notFound(`no repository is written in "${wanted}"`, { argument: 'name' });
    return toRecord(row);
  }

  list(query: ListQuery): Promise<Page<LanguageRecord>> {
    return fetchPage(this.prisma, { select: COLUMNS, from: FROM, where: query.where }, query.plan, toRecord);
  }

  count(query: ListQuery): Promise<number> {
    return fetchCount(this.prisma, { from: FROM, where: query.where });
  }
}
