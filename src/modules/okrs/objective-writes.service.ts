// Creating, changing and archiving objectives. Owners write their own, admins anyone's (policy `okrs.write`);
// every change is one transaction that locks the objective, so a check (version, cycle, due dates) and the write
// it guards see the same row.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { authorize, type Actor } from '../../access/index.js';
import { badInput, notFound } from '../../errors.js';
import { containsDay, type Period } from './math/period.js';
import type { ObjectiveLevel } from './objectives.query.js';
import { checkText, checkTitle, MAX_DESCRIPTION, periodOf } from './okr-inputs.js';
import { objectiveSelect, type ObjectiveRecord } from './okr-records.js';
import {
  checkVersion,
  lockObjective,
  refuseArchived,
  TRANSACTION_OPTIONS,
  userByLogin,
  type Tx,
} from './okr-transaction.js';
import type { ObjectiveReads } from './objective-reads.service.js';
import type { OkrChanges } from './okr-changes.js';

export type Visibility = 'PUBLIC' | 'PRIVATE';

export interface CreateObjectiveInput {
  title: string;
  description?: string | null;
  period?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  level?: ObjectiveLevel | null;
  visibility?: Visibility | null;
  parentId?: number | null;
  /** The owner's login; default: the caller. Another's needs the ADMIN role. */
  owner?: string | null;
  context?: string | null;
}

export interface UpdateObjectiveInput {
  title?: string | null;
  description?: string | null;
  period?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  level?: ObjectiveLevel | null;
  visibility?: Visibility | null;
  /** Another parent; `clearParent` detaches it. */
  parentId?: number | null;
  clearParent?: boolean | null;
  expectedVersion?: number | null;
}

export class ObjectiveWrites {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly reads: ObjectiveReads,
    private readonly changes: OkrChanges,
  ) {}

  async create(input: CreateObjectiveInput, actor: Actor): Promise<ObjectiveRecord> {
    const ownerLogin = input.owner?.trim() || (actor.kind === 'user' ? actor.login : null);
    if (!ownerLogin) throw badInput('owner: give the login of the objective’s owner', { argument: 'owner' });
    authorize(actor, 'okrs.write', { owner: ownerLogin });
    const title = checkTitle(input.title);
    const description = checkText(input.description, MAX_DESCRIPTION, 'description');
    const context = checkText(input.context, MAX_DESCRIPTION, 'context');
    const period = periodOf(input);
    const owner = await userByLogin(this.prisma, ownerLogin);
    if (!owner)
      throw notFound(`no user "${ownerLogin}": objectives belong to users of the catalog`, { argument: 'owner' });
    if (input.parentId != null) await this.reads.get(input.parentId, actor, 'parentId');
    const { created, recorded } = await this.prisma.$transaction(async (tx) => {
      const created = await tx.objective.create({
        data: {
          title,
          description,
          context,
          period: period.label,
          periodStart: period.start,
          periodEnd: period.end,
          level: input.level ?? 'TEAM',
          visibility: input.visibility ?? 'PUBLIC',
          ownerId: owner.id,
          parentId: input.parentId ?? null,
        },
        select: objectiveSelect,
      });
      const change = { kind: 'OBJECTIVE_CREATED', objectiveId: created.id, ownerLogin: owner.login } as const;
      const recorded = await this.changes.record(tx, change, actor, {
        title: created.title,
        period: created.period,
        level: created.level,
        visibility: created.visibility,
      });
      return { created, recorded };
    }, TRANSACTION_OPTIONS);
    await this.changes.publish(
      { kind: 'OBJECTIVE_CREATED', objectiveId: created.id, ownerLogin: owner.login },
      actor,
      recorded,
    );
    return created;
  }

  async update(id: number, input: UpdateObjectiveInput, actor: Actor): Promise<ObjectiveRecord> {
    // Outside the transaction: the embedded database has one connection, which the transaction holds.
    if (input.parentId != null) await this.reads.get(input.parentId, actor, 'parentId');
    const { record, ownerLogin, recorded } = await this.prisma.$transaction(async (tx) => {
      const locked = await lockObjective(tx, id, actor, 'id');
      refuseArchived(locked, 'updateObjective');
      checkVersion('objective', id, locked.version, input.expectedVersion);
      const data: Record<string, unknown> = {};
      if (input.title != null) data['title'] = checkTitle(input.title);
      if (input.description !== undefined)
        data['description'] = checkText(input.description, MAX_DESCRIPTION, 'description');
      if (input.level != null) data['level'] = input.level;
      if (input.visibility != null) data['visibility'] = input.visibility;
      if (input.period != null || input.startDate != null || input.endDate != null) {
        const period = periodOf(input);
        await keepDueDatesInside(tx, id, period);
        Object.assign(data, { period: period.label, periodStart: period.start, periodEnd: period.end });
      }
      if (input.clearParent && input.parentId != null)
        throw badInput('parentId and clearParent: give one of them', { argument: 'clearParent' });
      if (input.clearParent) data['parentId'] = null;
      if (input.parentId != null) {
        await refuseCycle(tx, id, input.parentId);
        data['parentId'] = input.parentId;
      }
      const updated = await tx.objective.update({
        where: { id },
        data: { ...data, version: { increment: 1 } },
        select: objectiveSelect,
      });
      const recorded = await this.changes.record(
        tx,
        { kind: 'OBJECTIVE_UPDATED', objectiveId: id, ownerLogin: locked.ownerLogin },
        actor,
        { changed: Object.keys(data), version: updated.version },
      );
      return { record: updated, ownerLogin: locked.ownerLogin, recorded };
    }, TRANSACTION_OPTIONS);
    await this.changes.publish({ kind: 'OBJECTIVE_UPDATED', objectiveId: id, ownerLogin }, actor, recorded);
    return record;
  }

  /** Archived objectives keep their key results and check-ins, leave lists (unless asked for) and take no writes. */
  async archive(id: number, actor: Actor): Promise<ObjectiveRecord> {
    const { record, ownerLogin, changed, recorded } = await this.prisma.$transaction(async (tx) => {
      const locked = await lockObjective(tx, id, actor, 'id');
      if (locked.archived) {
        const current = await tx.objective.findUniqueOrThrow({ where: { id }, select: objectiveSelect });
        return { record: current, ownerLogin: locked.ownerLogin, changed: false, recorded: [] };
      }
      const archived = await tx.objective.update({
        where: { id },
        data: { archivedAt: new Date(), version: { increment: 1 } },
        select: objectiveSelect,
      });
      const recorded = await this.changes.record(
        tx,
        { kind: 'OBJECTIVE_ARCHIVED', objectiveId: id, ownerLogin: locked.ownerLogin },
        actor,
        { version: archived.version },
      );
      return { record: archived, ownerLogin: locked.ownerLogin, changed: true, recorded };
    }, TRANSACTION_OPTIONS);
    if (changed)
      await this.changes.publish({ kind: 'OBJECTIVE_ARCHIVED', objectiveId: id, ownerLogin }, actor, recorded);
    return record;
  }
}

/** BAD_USER_INPUT when `parentId` is the objective itself or one of its descendants. */
async function refuseCycle(tx: Tx, id: number, parentId: number): Promise<void> {
  if (parentId === id) throw badInput(`parentId: objective ${id} cannot be its own parent`, { argument: 'parentId' });
  const [found] = await tx.$queryRaw<Array<{ id: number }>>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT parent_id, 1 FROM objectives WHERE id = ${parentId} AND parent_id IS NOT NULL
      UNION ALL
      SELECT o.parent_id, up.depth + 1 FROM up JOIN objectives o ON o.id = up.id
       WHERE o.parent_id IS NOT NULL AND up.depth < 1000
    )
    SELECT id FROM up WHERE id = ${id} LIMIT 1`;
  if (found)
    throw badInput(`parentId: objective ${parentId} is aligned under objective ${id}; that would make a cycle`, {
      argument: 'parentId',
    });
}

/** BAD_USER_INPUT naming the first key result whose due date the new period would leave outside. */
async function keepDueDatesInside(tx: Tx, id: number, period: Period): Promise<void> {
  const keyResults = await tx.keyResult.findMany({
    where: { objectiveId: id },
    select: { id: true, title: true, dueDate: true },
  });
  const outside = keyResults.find((kr) => !containsDay(period, kr.dueDate));
  if (outside)
    throw badInput(
      `period: key result ${outside.id} ("${outside.title}") is due ${outside.dueDate.toISOString().slice(0, 10)}, ` +
        `outside ${period.label}; move its due date first`,
      { argument: 'period', keyResultId: outside.id },
    );
}
