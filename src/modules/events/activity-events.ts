// Activity events: who did what, written by the module that does it *in the transaction of the change* (a change
// that rolls back leaves no event; an event is never missing for a change that committed), then announced on the
// pubsub port once committed (Subscription.events, every process). Kept in the `events` table beside ingested
// events (source "activity"), deleted after EVENT_RETENTION_DAYS (event-retention.ts).
import type { Prisma } from '../../generated/prisma/client.js';
import { actorName, type Actor } from '../../access/index.js';
import type { ActivityEventPayload, AppPubSub } from '../../infra/pubsub/index.js';

export const ACTIVITY_SOURCE = 'activity';

/** The types written today (a type is a dotted name; clients filter by them). */
export const ACTIVITY_TYPES = [
  'objective.created',
  'objective.updated',
  'objective.archived',
  'keyResult.added',
  'keyResult.updated',
  'keyResult.removed',
  'checkIn.created',
  'prediction.served',
  'pipelineRun.started',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityEvent {
  type: ActivityType;
  actor: Actor | string | null;
  /** What it is about, as a global name: "objective:12", "keyResult:40", "model:repo-language@3", "pipelineRun:<id>". */
  subject: string | null;
  payload: Record<string, unknown>;
  occurredAt?: Date;
}

type Writer = Pick<Prisma.TransactionClient, '$queryRaw'>;

const actorOf = (actor: ActivityEvent['actor']) =>
  actor === null ? null : typeof actor === 'string' ? actor : actorName(actor);

/** Inserts the events with `db` (the change's transaction); returns them as they will be announced. */
export async function recordActivity(db: Writer, events: readonly ActivityEvent[]): Promise<ActivityEventPayload[]> {
  if (events.length === 0) return [];
  const types = events.map((e) => e.type);
  const actors = events.map((e) => actorOf(e.actor));
  const subjects = events.map((e) => e.subject);
  const payloads = events.map((e) => JSON.stringify(e.payload));
  const times = events.map((e) => (e.occurredAt ?? new Date()).toISOString());
  const rows = await db.$queryRaw<Array<{ id: bigint; occurredAt: Date }>>`
    INSERT INTO events (type, source, actor, subject, payload, occurred_at)
    SELECT v.type, ${ACTIVITY_SOURCE}, v.actor, v.subject, v.payload::jsonb, v.at::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${types}::text[], ${actors}::text[], ${subjects}::text[], ${payloads}::text[], ${times}::text[])
           WITH ORDINALITY AS v(type, actor, subject, payload, at, n)
     ORDER BY v.n
    RETURNING id, occurred_at AS "occurredAt"`;
  return rows.map((row, i) => ({
    id: String(row.id),
    type: types[i]!,
    source: ACTIVITY_SOURCE,
    actor: actors[i]!,
    subject: subjects[i]!,
    payload: events[i]!.payload,
    occurredAt: row.occurredAt.toISOString(),
  }));
}

/** Rows for a createMany inside a batch transaction (writers that already batch their inserts). */
export function activityRows(events: readonly ActivityEvent[]): Prisma.EventCreateManyInput[] {
  return events.map((e) => ({
    type: e.type,
    source: ACTIVITY_SOURCE,
    actor: actorOf(e.actor),
    subject: e.subject,
    payload: e.payload as Prisma.InputJsonValue,
    occurredAt: e.occurredAt ?? new Date(),
  }));
}

/** Announces committed events to Subscription.events in every process. */
export function announceActivity(pubsub: AppPubSub, events: readonly ActivityEventPayload[]): void {
  for (const event of events) pubsub.publish('activityEvent', 'all', event);
}
