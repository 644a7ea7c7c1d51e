// Pipeline run list requests: filter (kind, statuses, creation window), the one ordering (newest first) and the
// page, checked once and turned into the SQL parts the shared keyset statements (lib/keyset) run.
import { Prisma } from '../../generated/prisma/client.js';
import { badInput } from '../../errors.js';
import {
  keysetPlan,
  listQuery,
  sortColumn,
  type ListQuery,
  type ListSource,
  type Ordering,
  type PageArgs,
} from '../../lib/keyset/index.js';
import { selectColumnsSql } from '../../lib/sql/select-columns.js';
import { PIPELINE_KINDS, PIPELINE_STATUSES, type PipelineKind, type PipelineStatus } from './pipeline-run.record.js';

export interface PipelineRunFilterInput {
  kind?: PipelineKind | null;
  /** Any of these statuses, e.g. RUNNING and QUEUED for a dashboard of live runs. */
  status?: readonly PipelineStatus[] | null;
  /** Created strictly after / before these instants. */
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

export interface PipelineRunListRequest extends PageArgs, PipelineRunFilterInput {
  /**
   * Page size for callers inside the process (CLI commands, tests), read forward from `after` and not capped:
   * the cap protects the API from its clients, which page with `first`/`last` instead.
   */
  take?: number | null;
}

// Newest first, ties broken by id. Named and keyed exactly as the hand-written cursor of earlier releases
// (created_desc: [ISO time, id]), so cursors clients hold keep working. Served by the (kind, created_at DESC)
// and (status, created_at) indexes when a kind or one status is asked for; the ordering is then read off the
// index and only runs sharing a timestamp are sorted by id.
export const PIPELINE_RUN_ORDERING: Ordering = {
  name: 'created_desc',
  columns: [sortColumn(Prisma.sql`pr.created_at`, 'timestamp', 'DESC'), sortColumn(Prisma.sql`pr.id`, 'uuid', 'DESC')],
};

/** Every field of a run, as Prisma's own queries return it (see fromRow). */
const RUN_FIELDS = {
  id: true,
  kind: true,
  status: true,
  stage: true,
  stages: true,
  plannedStages: true,
  processed: true,
  total: true,
  params: true,
  result: true,
  error: true,
  attempts: true,
  workerId: true,
  startedBy: true,
  createdAt: true,
  startedAt: true,
  heartbeatAt: true,
  finishedAt: true,
  cancelRequestedAt: true,
  cancelReason: true,
} as const;

export const PIPELINE_RUNS_FROM = Prisma.sql`pipeline_runs pr`;

/** What a run list reads (exported for the EXPLAIN test of its indexes). */
export const pipelineRunSource = (query: ListQuery): ListSource => ({
  select: selectColumnsSql(RUN_FIELDS, 'pr', { lists: ['plannedStages'] }),
  from: PIPELINE_RUNS_FROM,
  where: query.where,
});

function statusList(statuses: readonly string[]): PipelineStatus[] {
  if (statuses.length === 0) throw badInput('"status" must name at least one status', { argument: 'status' });
  const unknown = statuses.find((status) => !(PIPELINE_STATUSES as readonly string[]).includes(status));
  if (unknown !== undefined) {
    throw badInput(`"status" must be one of ${PIPELINE_STATUSES.join(', ')}; got "${unknown}"`, {
      argument: 'status',
    });
  }
  return [...new Set(statuses as readonly PipelineStatus[])];
}

function pipelineRunConditions(filter: PipelineRunFilterInput): Prisma.Sql[] {
  const { kind, status, createdAfter, createdBefore } = filter;
  const where: Prisma.Sql[] = [];
  if (kind != null) {
    if (!(PIPELINE_KINDS as readonly string[]).includes(kind)) {
      throw badInput(`"kind" must be one of ${PIPELINE_KINDS.join(', ')}; got "${kind}"`, { argument: 'kind' });
    }
    where.push(Prisma.sql`pr.kind = ${kind}::pipeline_kind`);
  }
  if (status != null) {
    const statuses = statusList(status);
    // One parameter per status (at most five): PostgreSQL folds the list into a constant array and estimates
    // from the column's statistics how few runs are live. An array parameter would need a text[] → enum[] cast
    // (PGlite sends parameters by their inferred type and knows no enum arrays), which is not folded before
    // planning, so every status list would be estimated as matching nearly every run.
    where.push(Prisma.sql`pr.status IN (${Prisma.join(statuses.map((one) => Prisma.sql`${one}::pipeline_status`))})`);
  }
  if (createdAfter != null) where.push(Prisma.sql`pr.created_at > ${createdAfter}::timestamp(3)`);
  if (createdBefore != null) where.push(Prisma.sql`pr.created_at < ${createdBefore}::timestamp(3)`);
  if (createdAfter != null && createdBefore != null && createdAfter.getTime() >= createdBefore.getTime()) {
    throw badInput(
      `"createdAfter" (${createdAfter.toISOString()}) is not before "createdBefore" (${createdBefore.toISOString()}): no run lies between`,
      { argument: 'createdAfter' },
    );
  }
  return where;
}

export function pipelineRunListQuery(request: PipelineRunListRequest): ListQuery {
  const { kind, status, createdAfter, createdBefore, take, ...page } = request;
  const filter = { kind, status, createdAfter, createdBefore };
  const where = pipelineRunConditions(filter);
  if (take == null) return listQuery(where, PIPELINE_RUN_ORDERING, page, filter);
  if (!Number.isInteger(take) || take < 1)
    throw badInput(`"take" must be 1 or more; got ${take}`, { argument: 'take' });
  if (page.first != null || page.last != null || page.before != null) {
    throw badInput('"take" pages forward from "after": pass neither "first", "last" nor "before" with it', {
      argument: 'take',
    });
  }
  const plan = keysetPlan(PIPELINE_RUN_ORDERING, {
    backward: false,
    size: take,
    cursor: page.after ?? null,
    cursorArgument: 'after',
  });
  const countKey = JSON.stringify(filter);
  return { where, plan, countKey, key: JSON.stringify([countKey, take, page.after ?? null]) };
}
