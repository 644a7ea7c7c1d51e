// Event list requests: filter (actor, types, subject, since), newest first, keyset pages, a total count. Served by
// the (occurred_at DESC, id DESC), (actor, occurred_at) and (subject, occurred_at) indexes (migration 20261212).
import { Prisma } from '../../generated/prisma/client.js';
import { badInput } from '../../errors.js';
import {
  listQuery,
  sortColumn,
  type ListQuery,
  type ListSource,
  type Ordering,
  type PageArgs,
} from '../../lib/keyset/index.js';
import { selectColumnsSql } from '../../lib/sql/select-columns.js';

export interface EventFilterInput {
  /** Who did it (a login or a system task), exactly. */
  actor?: string | null;
  /** Any of these types ("checkIn.created", …). */
  types?: readonly string[] | null;
  /** What it is about ("objective:12"), exactly. */
  subject?: string | null;
  /** Only events at or after this instant. */
  since?: Date | null;
  /** Where it came from: "activity" (written by this API) or an ingestion source. */
  source?: string | null;
}

export interface EventListRequest extends PageArgs {
  filter?: EventFilterInput | null;
}

export const EVENT_ORDERING: Ordering = {
  name: 'event.occurred_desc',
  columns: [sortColumn(Prisma.sql`e.occurred_at`, 'timestamp', 'DESC'), sortColumn(Prisma.sql`e.id`, 'bigint', 'DESC')],
};

const EVENT_FIELDS = {
  id: true,
  type: true,
  source: true,
  actor: true,
  subject: true,
  payload: true,
  occurredAt: true,
  receivedAt: true,
} as const;

export const EVENTS_FROM = Prisma.sql`events e`;
export const eventSource = (query: ListQuery): ListSource => ({
  select: selectColumnsSql(EVENT_FIELDS, 'e'),
  from: EVENTS_FROM,
  where: query.where,
});

const MAX_TEXT = 200;
/** Most event types one filter or subscription names. */
export const MAX_TYPES = 50;

function text(value: string, argument: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT)
    throw badInput(`${argument}: 1 to ${MAX_TEXT} characters`, { argument });
  return trimmed;
}

export function eventListQuery(request: EventListRequest): ListQuery {
  const filter = request.filter ?? {};
  const where: Prisma.Sql[] = [];
  if (filter.actor != null) where.push(Prisma.sql`e.actor = ${text(filter.actor, 'filter.actor')}`);
  if (filter.subject != null) where.push(Prisma.sql`e.subject = ${text(filter.subject, 'filter.subject')}`);
  if (filter.source != null) where.push(Prisma.sql`e.source = ${text(filter.source, 'filter.source')}`);
  if (filter.types != null) {
    if (filter.types.length === 0 || filter.types.length > MAX_TYPES)
      throw badInput(`filter.types: 1 to ${MAX_TYPES} types`, { argument: 'filter.types' });
    const types = [...new Set(filter.types.map((type) => text(type, 'filter.types')))];
    where.push(Prisma.sql`e.type IN (${Prisma.join(types)})`);
  }
  if (filter.since != null) {
    if (Number.isNaN(filter.since.getTime())) throw badInput('filter.since: not a time', { argument: 'filter.since' });
    where.push(Prisma.sql`e.occurred_at >= ${filter.since}::timestamp(3)`);
  }
  const { actor, subject, source, types, since } = filter;
  return listQuery(where, EVENT_ORDERING, request, { actor, subject, source, types, since });
}
