// Key results and check-ins. A check-in is one transaction: the key result's row is locked, the check-in stored,
// the key result's current value (and the owner's confidence, when given) set from it, and the objective's
// progress recomputed; so 100 concurrent check-ins on one key result are 100 rows and 100 versions, none lost. A
// retried check-in with the same idempotency key returns the first, changing nothing.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Actor } from '../../access/index.js';
import { notFound } from '../../errors.js';
import { periodFromLabel } from './math/period.js';
import type { MetricType } from './math/progress.js';
import {
  checkConfidence,
  checkDueDate,
  checkIdempotencyKey,
  checkTarget,
  checkText,
  checkTitle,
  checkValue,
  checkWeight,
  MAX_NOTE,
  MAX_UNIT,
} from './okr-inputs.js';
import type { OkrChanges } from './okr-changes.js';
import { checkInSelect, keyResultSelect, type CheckInRecord, type KeyResultRecord } from './okr-records.js';
import {
  checkVersion,
  lockObjective,
  refreshProgress,
  refuseArchived,
  TRANSACTION_OPTIONS,
  userByLogin,
  type LockedObjective,
  type Tx,
} from './okr-transaction.js';

export interface AddKeyResultInput {
  objectiveId: number;
  title: string;
  metricType?: MetricType | null;
  startValue?: number | null;
  targetValue: number;
  unit?: string | null;
  weight?: number | null;
  dueDate: string;
}

export interface UpdateKeyResultInput {
  title?: string | null;
  startValue?: number | null;
  targetValue?: number | null;
  unit?: string | null;
  weight?: number | null;
  dueDate?: string | null;
  expectedVersion?: number | null;
}

export interface CheckInInput {
  keyResultId: number;
  value: number;
  confidence?: number | null;
  note?: string | null;
  idempotencyKey?: string | null;
}

export interface CheckInResult {
  checkIn: CheckInRecord;
  /** False when the idempotency key named an earlier check-in (returned as it was). */
  created: boolean;
  objectiveId: number;
}

/** Locks the key result, then its objective (the order every writer keeps). */
async function lockKeyResult(
  tx: Tx,
  id: number,
  actor: Actor,
  argument: string,
): Promise<{ keyResult: KeyResultRecord; objective: LockedObjective }> {
  const [locked] = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM key_results WHERE id = ${id} FOR UPDATE`;
  if (!locked) throw notFound(`no key result ${id}`, { argument });
  const keyResult = await tx.keyResult.findUniqueOrThrow({ where: { id }, select: keyResultSelect });
  const objective = await lockObjective(tx, keyResult.objectiveId, actor, argument).catch((error: unknown) => {
    throw error instanceof Error && 'code' in error && error.code === 'NOT_FOUND'
      ? notFound(`no key result ${id}`, { argument })
      : error;
  });
  return { keyResult, objective };
}

export class KeyResultWrites {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly changes: OkrChanges,
  ) {}

  async add(input: AddKeyResultInput, actor: Actor): Promise<KeyResultRecord> {
    const { created, ownerLogin, recorded } = await this.prisma.$transaction(async (tx) => {
      const objective = await lockObjective(tx, input.objectiveId, actor, 'objectiveId');
      refuseArchived(objective, 'addKeyResult');
      const metricType = input.metricType ?? 'NUMBER';
      const shape = checkTarget({
        metricType,
        startValue: input.startValue ?? 0,
        targetValue: metricType === 'BOOLEAN' && input.targetValue === undefined ? 1 : input.targetValue,
      });
      const created = await tx.keyResult.create({
        data: {
          objectiveId: objective.id,
          title: checkTitle(input.title),
          metricType,
          unit: checkText(input.unit, MAX_UNIT, 'unit'),
          startValue: shape.startValue,
          targetValue: shape.targetValue,
          currentValue: shape.startValue,
          weight: checkWeight(input.weight),
          dueDate: checkDueDate(input.dueDate, periodFromLabel(objective.period)),
        },
        select: keyResultSelect,
      });
      await refreshProgress(tx, objective.id);
      const recorded = await this.changes.record(
        tx,
        {
          kind: 'KEY_RESULT_ADDED',
          objectiveId: objective.id,
          ownerLogin: objective.ownerLogin,
          keyResultId: created.id,
        },
        actor,
        { title: created.title, startValue: created.startValue, targetValue: created.targetValue },
      );
      return { created, ownerLogin: objective.ownerLogin, recorded };
    }, TRANSACTION_OPTIONS);
    await this.changes.publish(
      { kind: 'KEY_RESULT_ADDED', objectiveId: created.objectiveId, ownerLogin, keyResultId: created.id },
      actor,
      recorded,
    );
    return created;
  }

  async update(id: number, input: UpdateKeyResultInput, actor: Actor): Promise<KeyResultRecord> {
    const { updated, ownerLogin, recorded } = await this.prisma.$transaction(async (tx) => {
      const { keyResult, objective } = await lockKeyResult(tx, id, actor, 'id');
      refuseArchived(objective, 'updateKeyResult');
      checkVersion('key result', id, keyResult.version, input.expectedVersion);
      const shape = checkTarget({
        metricType: keyResult.metricType,
        startValue: input.startValue ?? keyResult.startValue,
        targetValue: input.targetValue ?? keyResult.targetValue,
      });
      const updated = await tx.keyResult.update({
        where: { id },
        data: {
          ...(input.title != null ? { title: checkTitle(input.title) } : {}),
          ...(input.unit !== undefined ? { unit: checkText(input.unit, MAX_UNIT, 'unit') } : {}),
          ...(input.weight != null ? { weight: checkWeight(input.weight) } : {}),
          ...(input.dueDate != null ? { dueDate: checkDueDate(input.dueDate, periodFromLabel(objective.period)) } : {}),
          startValue: shape.startValue,
          targetValue: shape.targetValue,
          version: { increment: 1 },
        },
        select: keyResultSelect,
      });
      await refreshProgress(tx, objective.id);
      const changed = Object.keys(input).filter(
        (key) => key !== 'expectedVersion' && input[key as keyof typeof input] != null,
      );
      const recorded = await this.changes.record(
        tx,
        { kind: 'KEY_RESULT_UPDATED', objectiveId: objective.id, ownerLogin: objective.ownerLogin, keyResultId: id },
        actor,
        { changed, version: updated.version },
      );
      return { updated, ownerLogin: objective.ownerLogin, recorded };
    }, TRANSACTION_OPTIONS);
    await this.changes.publish(
      { kind: 'KEY_RESULT_UPDATED', objectiveId: updated.objectiveId, ownerLogin, keyResultId: id },
      actor,
      recorded,
    );
    return updated;
  }

  /** Removes it with its check-ins; returns what it was. */
  async remove(id: number, actor: Actor): Promise<KeyResultRecord> {
    const { keyResult, ownerLogin, recorded } = await this.prisma.$transaction(async (tx) => {
      const { keyResult, objective } = await lockKeyResult(tx, id, actor, 'id');
      refuseArchived(objective, 'removeKeyResult');
      await tx.keyResult.delete({ where: { id } });
      await refreshProgress(tx, objective.id);
      const recorded = await this.changes.record(
        tx,
        { kind: 'KEY_RESULT_REMOVED', objectiveId: objective.id, ownerLogin: objective.ownerLogin, keyResultId: id },
        actor,
        { title: keyResult.title },
      );
      return { keyResult, ownerLogin: objective.ownerLogin, recorded };
    }, TRANSACTION_OPTIONS);
    await this.changes.publish(
      { kind: 'KEY_RESULT_REMOVED', objectiveId: keyResult.objectiveId, ownerLogin, keyResultId: id },
      actor,
      recorded,
    );
    return keyResult;
  }

  async checkIn(input: CheckInInput, actor: Actor): Promise<CheckInResult> {
    const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
    const confidence = checkConfidence(input.confidence);
    const note = checkText(input.note, MAX_NOTE, 'note');
    const result = await this.prisma.$transaction(async (tx) => {
      const { keyResult, objective } = await lockKeyResult(tx, input.keyResultId, actor, 'keyResultId');
      if (idempotencyKey !== null) {
        const earlier = await tx.checkIn.findUnique({
          where: { keyResultId_idempotencyKey: { keyResultId: keyResult.id, idempotencyKey } },
          select: checkInSelect,
        });
        if (earlier)
          return {
            checkIn: earlier,
            created: false,
            objectiveId: objective.id,
            ownerLogin: objective.ownerLogin,
            recorded: [],
          };
      }
      refuseArchived(objective, 'checkIn');
      const value = checkValue(keyResult.metricType, input.value, 'value');
      const author = actor.kind === 'user' ? await userByLogin(tx, actor.login) : null;
      const checkIn = await tx.checkIn.create({
        data: { keyResultId: keyResult.id, authorId: author?.id ?? null, value, confidence, note, idempotencyKey },
        select: checkInSelect,
      });
      await tx.keyResult.update({
        where: { id: keyResult.id },
        data: {
          currentValue: value,
          ...(confidence !== null ? { confidence } : {}),
          checkedInAt: checkIn.createdAt,
          version: { increment: 1 },
        },
      });
      await tx.objective.update({ where: { id: objective.id }, data: { checkedInAt: checkIn.createdAt } });
      const progress = await refreshProgress(tx, objective.id);
      const recorded = await this.changes.record(
        tx,
        {
          kind: 'CHECK_IN',
          objectiveId: objective.id,
          ownerLogin: objective.ownerLogin,
          keyResultId: keyResult.id,
          checkInId: checkIn.id,
        },
        actor,
        { value, confidence, previousValue: keyResult.currentValue, objectiveProgress: progress },
      );
      return { checkIn, created: true, objectiveId: objective.id, ownerLogin: objective.ownerLogin, recorded };
    }, TRANSACTION_OPTIONS);
    if (result.created)
      await this.changes.publish(
        {
          kind: 'CHECK_IN',
          objectiveId: result.objectiveId,
          ownerLogin: result.ownerLogin,
          keyResultId: result.checkIn.keyResultId,
          checkInId: result.checkIn.id,
        },
        actor,
        result.recorded,
      );
    return { checkIn: result.checkIn, created: result.created, objectiveId: result.objectiveId };
  }
}
