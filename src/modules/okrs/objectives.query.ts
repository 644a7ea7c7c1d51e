// Objective list requests: filter (owner, period, status, level, parent, text), ordering, page; and who may see
// what: a private objective is listed and counted for its owner and admins only.
import { Prisma } from '../../generated/prisma/client.js';
import { isAllowed, type Actor } from '../../access/index.js';
import { listQuery, sortColumn, type ListQuery, type OrderDirection, type PageArgs } from '../../lib/keyset/index.js';
import { badInput } from '../../errors.js';
import { parsePeriod } from './math/period.js';
import type { OkrStatus, StatusThresholds } from './math/status.js';

export const ObjectiveOrderField = {
  PERIOD: 'PERIOD',
  PROGRESS: 'PROGRESS',
  TITLE: 'TITLE',
  CREATED_AT: 'CREATED_AT',
} as const;
export type ObjectiveOrderField = (typeof ObjectiveOrderField)[keyof typeof ObjectiveOrderField];

export type ObjectiveLevel = 'COMPANY' | 'TEAM' | 'INDIVIDUAL';

export interface ObjectiveFilterInput {
  /** The owner's login. */
  owner?: string | null;
  /** "2026-Q4": objectives whose period overlaps it. */
  period?: string | null;
  status?: OkrStatus | null;
  level?: ObjectiveLevel | null;
  /** Objectives aligned directly under this one (its id). */
  parentId?: number | null;
  /** Words in the title or description (case-insensitive substring). */
  text?: string | null;
  /** Archived objectives too (default: not listed). */
  includeArchived?: boolean | null;
}

export interface ObjectiveListRequest extends PageArgs {
  filter?: ObjectiveFilterInput | null;
  orderBy?: { field: ObjectiveOrderField; direction?: OrderDirection | null } | null;
}

const byId = sortColumn(Prisma.sql`o.id`, 'int', 'ASC');
const MAX_TEXT = 200;

/** The visibility condition for `viewer`: everything for admins and the system, else public or their own. */
export function visibleTo(viewer: Actor): Prisma.Sql | null {
  if (isAllowed(viewer, 'okrs.private.read', { owner: null })) return null; // admins, the system
  if (viewer.kind !== 'user') return Prisma.sql`o.visibility = 'PUBLIC'`;
  return Prisma.sql`(o.visibility = 'PUBLIC' OR o.owner_id = (SELECT id FROM users WHERE lower(login) = lower(${viewer.login})))`;
}

/** The status as SQL, exactly as math/status.ts computes it from progress, pace and the stored forecast. */
export function statusSql(now: Date, t: StatusThresholds): Prisma.Sql {
  const elapsed = Prisma.sql`LEAST(1, GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamp - o.period_start))
    / NULLIF(EXTRACT(EPOCH FROM (o.period_end - o.period_start)), 0)))`;
  const pace = Prisma.sql`CASE WHEN ${elapsed} - o.progress <= ${t.atRiskGap}::float8 THEN 1
    WHEN ${elapsed} - o.progress <= ${t.behindGap}::float8 THEN 2 ELSE 3 END`;
  const forecast = Prisma.sql`CASE WHEN o.forecast_probability IS NULL
    OR o.forecast_probability >= ${t.atRiskProbability}::float8 THEN 1
    WHEN o.forecast_probability >= ${t.behindProbability}::float8 THEN 2 ELSE 3 END`;
  return Prisma.sql`CASE
    WHEN o.progress >= 1 THEN 'COMPLETED'
    WHEN o.checked_in_at IS NULL AND o.progress <= 0 AND ${elapsed} <= ${t.atRiskGap}::float8 THEN 'NOT_STARTED'
    ELSE (ARRAY['ON_TRACK', 'AT_RISK', 'BEHIND'])[GREATEST(${pace}, ${forecast})] END`;
}

export function objectiveListQuery(
  request: ObjectiveListRequest,
  viewer: Actor,
  context: { now: Date; thresholds: StatusThresholds },
  scope: Prisma.Sql[] = [],
): ListQuery {
  const filter = request.filter;
  const where: Prisma.Sql[] = [...scope];
  const visible = visibleTo(viewer);
  if (visible) where.push(visible);
  if (!filter?.includeArchived) where.push(Prisma.sql`o.archived_at IS NULL`);
  if (filter?.owner != null)
    where.push(Prisma.sql`o.owner_id = (SELECT id FROM users WHERE lower(login) = lower(${filter.owner.trim()}))`);
  if (filter?.period != null) {
    const period = parsePeriod(filter.period, 'filter.period');
    where.push(Prisma.sql`o.period_start < ${period.end}::timestamp AND o.period_end > ${period.start}::timestamp`);
  }
  if (filter?.level != null) where.push(Prisma.sql`o.level = ${filter.level}::objective_level`);
  if (filter?.parentId != null) where.push(Prisma.sql`o.parent_id = ${filter.parentId}::int`);
  if (filter?.status != null)
    where.push(Prisma.sql`(${statusSql(context.now, context.thresholds)}) = ${filter.status}`);
  if (filter?.text != null) {
    const text = filter.text.trim();
    if (text.length === 0 || text.length > MAX_TEXT)
      throw badInput(`filter.text: 1 to ${MAX_TEXT} characters`, { argument: 'filter.text' });
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(o.title ILIKE ${pattern} OR o.description ILIKE ${pattern})`);
  }
  const field = request.orderBy?.field ?? ObjectiveOrderField.PERIOD;
  const direction = request.orderBy?.direction ?? (field === ObjectiveOrderField.TITLE ? 'ASC' : 'DESC');
  const main =
    field === ObjectiveOrderField.PERIOD
      ? sortColumn(Prisma.sql`o.period_start`, 'timestamp', direction)
      : field === ObjectiveOrderField.PROGRESS
        ? sortColumn(Prisma.sql`o.progress`, 'float', direction)
        : field === ObjectiveOrderField.TITLE
          ? sortColumn(Prisma.sql`lower(o.title)`, 'text', direction)
          : sortColumn(Prisma.sql`o.created_at`, 'timestamp', direction);
  const ordering = { name: `objective.${field.toLowerCase()}.${direction.toLowerCase()}`, columns: [main, byId] };
  // The count key must differ per viewer: what one may see is not what another may.
  const visibility =
    visible === null ? 'all' : viewer.kind === 'user' ? `user:${viewer.login.toLowerCase()}` : 'public';
  return listQuery(where, ordering, request, {
    filter: filter ?? null,
    visibility,
    status: filter?.status ? context.now.getTime() : null,
  });
}
