// Reading objectives, key results and check-ins, always as someone: a private objective (and everything under
// it) exists only for its owner and admins; for anyone else it is NOT_FOUND, never FORBIDDEN, so its existence
// does not leak. GraphQL-free; lists page through lib/keyset like the catalog's.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { Actor } from '../../access/index.js';
import { notFound } from '../../errors.js';
import {
  fetchCount,
  fetchCounts,
  fetchPage,
  fetchPages,
  type ListQuery,
  type Page,
  type RawRow,
} from '../../lib/keyset/index.js';
import { visibleTo } from './objectives.query.js';
import {
  CHECK_IN_COLUMNS,
  KEY_RESULT_COLUMNS,
  keyResultSelect,
  OBJECTIVE_COLUMNS,
  type CheckInRecord,
  type KeyResultRecord,
  type ObjectiveRecord,
} from './okr-records.js';

const FROM = Prisma.sql`objectives o`;
const toObjective = (row: RawRow) => row as unknown as ObjectiveRecord;
/** Deepest alignment chain walked (a guard: cycles are refused on write). */
const MAX_DEPTH = 50;

export type ObjectiveScope = 'owner' | 'parent';
const SCOPES: Record<ObjectiveScope, Prisma.Sql> = {
  owner: Prisma.sql`o.owner_id = p.key`,
  parent: Prisma.sql`o.parent_id = p.key`,
};

/** The rows under each parent (`parent` compared with the parent keys), paged and counted per parent in one go. */
function childList<Row>(prisma: PrismaClient, select: Prisma.Sql, from: Prisma.Sql, parent: Prisma.Sql) {
  const where = (query: ListQuery) => [Prisma.sql`${parent} = p.key`, ...query.where];
  return {
    pages: (keys: readonly number[], query: ListQuery): Promise<Map<number, Page<Row>>> =>
      fetchPages(prisma, { type: 'int', keys }, { select, from, where: where(query) }, query.plan, (row) => row as Row),
    counts: (keys: readonly number[], query: ListQuery): Promise<Map<number, number>> =>
      fetchCounts(prisma, { type: 'int', keys }, { from, where: where(query) }),
  };
}

export class ObjectiveReads {
  private readonly keyResultList;
  private readonly checkInList;

  constructor(private readonly prisma: PrismaClient) {
    this.keyResultList = childList<KeyResultRecord>(
      prisma,
      KEY_RESULT_COLUMNS,
      Prisma.sql`key_results k`,
      Prisma.sql`k.objective_id`,
    );
    this.checkInList = childList<CheckInRecord>(
      prisma,
      CHECK_IN_COLUMNS,
      Prisma.sql`check_ins c`,
      Prisma.sql`c.key_result_id`,
    );
  }

  /** The objectives among `ids` the viewer may see (archived ones included: they are still readable by id). */
  async findByIds(ids: readonly number[], viewer: Actor): Promise<Map<number, ObjectiveRecord>> {
    const visible = visibleTo(viewer);
    const rows = await this.prisma.$queryRaw<RawRow[]>`
      SELECT ${OBJECTIVE_COLUMNS} FROM objectives o
       WHERE o.id = ANY(${[...new Set(ids)]}::int[]) AND ${visible ?? Prisma.sql`TRUE`}`;
    return new Map(rows.map((row) => [row['id'] as number, toObjective(row)]));
  }

  async get(id: number, viewer: Actor, argument = 'id'): Promise<ObjectiveRecord> {
    const found = (await this.findByIds([id], viewer)).get(id);
    if (!found) throw notFound(`no objective ${id}`, { argument });
    return found;
  }

  list(query: ListQuery): Promise<Page<ObjectiveRecord>> {
    return fetchPage(
      this.prisma,
      { select: OBJECTIVE_COLUMNS, from: FROM, where: query.where },
      query.plan,
      toObjective,
    );
  }

  count(query: ListQuery): Promise<number> {
    return fetchCount(this.prisma, { from: FROM, where: query.where });
  }

  /** One page per owner (user id) or parent (objective id), in one statement; the query carries visibility. */
  listOf(
    scope: ObjectiveScope,
    keys: readonly number[],
    query: ListQuery,
  ): Promise<Map<number, Page<ObjectiveRecord>>> {
    const source = { select: OBJECTIVE_COLUMNS, from: FROM, where: [SCOPES[scope], ...query.where] };
    return fetchPages(this.prisma, { type: 'int', keys }, source, query.plan, toObjective);
  }

  countOf(scope: ObjectiveScope, keys: readonly number[], query: ListQuery): Promise<Map<number, number>> {
    return fetchCounts(this.prisma, { type: 'int', keys }, { from: FROM, where: [SCOPES[scope], ...query.where] });
  }

  /** One page of key results per objective (the caller has checked the objectives are visible). */
  keyResultPagesOf(objectiveIds: readonly number[], query: ListQuery): Promise<Map<number, Page<KeyResultRecord>>> {
    return this.keyResultList.pages(objectiveIds, query);
  }

  keyResultCountOf(objectiveIds: readonly number[], query: ListQuery): Promise<Map<number, number>> {
    return this.keyResultList.counts(objectiveIds, query);
  }

  /** Key results by id whose objective the viewer may see. */
  async keyResultsByIds(ids: readonly number[], viewer: Actor): Promise<Map<number, KeyResultRecord>> {
    const rows = await this.prisma.keyResult.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: keyResultSelect,
    });
    const visible = await this.findByIds(
      rows.map((row) => row.objectiveId),
      viewer,
    );
    return new Map(rows.filter((row) => visible.has(row.objectiveId)).map((row) => [row.id, row]));
  }

  /** One page of check-ins per key result, in one statement. */
  checkInsOf(keyResultIds: readonly number[], query: ListQuery): Promise<Map<number, Page<CheckInRecord>>> {
    return this.checkInList.pages(keyResultIds, query);
  }

  checkInCountOf(keyResultIds: readonly number[], query: ListQuery): Promise<Map<number, number>> {
    return this.checkInList.counts(keyResultIds, query);
  }

  /** Ancestors of each objective, nearest first, up to the first one the viewer may not see. */
  async ancestorsOf(ids: readonly number[], viewer: Actor): Promise<Map<number, ObjectiveRecord[]>> {
    const visible = visibleTo(viewer) ?? Prisma.sql`TRUE`;
    const rows = await this.prisma.$queryRaw<Array<RawRow & { start: number; depth: number }>>`
      WITH RECURSIVE chain(start, id, depth) AS (
        SELECT s.id, s.parent_id, 1 FROM objectives s WHERE s.id = ANY(${[...new Set(ids)]}::int[]) AND s.parent_id IS NOT NULL
        UNION ALL
        SELECT chain.start, o.parent_id, chain.depth + 1 FROM chain JOIN objectives o ON o.id = chain.id
         WHERE o.parent_id IS NOT NULL AND chain.depth < ${MAX_DEPTH}
      )
      SELECT chain.start, chain.depth, ${OBJECTIVE_COLUMNS}
        FROM chain JOIN objectives o ON o.id = chain.id
       WHERE ${visible}
       ORDER BY chain.start, chain.depth`;
    const out = new Map<number, ObjectiveRecord[]>(ids.map((id) => [id, []]));
    for (const row of rows) {
      const path = out.get(row.start)!;
      // Stop at a gap: an ancestor the viewer may not see hides everything above it too.
      if (path.length === row.depth - 1) {
        const { start: _start, depth: _depth, ...record } = row;
        path.push(toObjective(record));
      }
    }
    return out;
  }
}
