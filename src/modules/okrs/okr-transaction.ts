// What every OKR write does inside its transaction: lock the objective (or the key result, then its objective:
// always in that order, so two writers never wait on each other crosswise), check the caller against the policy
// table as its owner sees it, refuse archived objectives and stale versions, and keep the stored progress true.
import type { Prisma } from '../../generated/prisma/client.js';
import { authorize, isAllowed, type Actor } from '../../access/index.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { keyResultProgress, objectiveProgress } from './math/progress.js';

export type Tx = Prisma.TransactionClient;

/** Interactive transactions wait for a pooled connection and a row lock: 100 writers on one key result queue. */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

export interface LockedObjective {
  id: number;
  ownerLogin: string;
  archived: boolean;
  version: number;
  periodStart: Date;
  periodEnd: Date;
  period: string;
}

/** Locks the objective; NOT_FOUND when missing or private to someone else (its existence does not leak). */
export async function lockObjective(tx: Tx, id: number, actor: Actor, argument: string): Promise<LockedObjective> {
  const [row] = await tx.$queryRaw<
    Array<LockedObjective & { visibility: string; archivedAt: Date | null }>
  >`SELECT o.id, u.login AS "ownerLogin", o.archived_at AS "archivedAt", o.version, o.visibility,
           o.period, o.period_start AS "periodStart", o.period_end AS "periodEnd"
      FROM objectives o JOIN users u ON u.id = o.owner_id WHERE o.id = ${id} FOR UPDATE OF o`;
  if (!row) throw notFound(`no objective ${id}`, { argument });
  if (row.visibility === 'PRIVATE' && !isAllowed(actor, 'okrs.private.read', { owner: row.ownerLogin }))
    throw notFound(`no objective ${id}`, { argument });
  authorize(actor, 'okrs.write', { owner: row.ownerLogin });
  return { ...row, archived: row.archivedAt !== null };
}

export function refuseArchived(objective: LockedObjective, what: string): void {
  if (objective.archived)
    throw badInput(`${what}: objective ${objective.id} is archived; archived objectives take no changes`, {
      objectiveId: objective.id,
    });
}

/** CONFLICT when the caller's `expectedVersion` is not the stored one (someone changed it since they read it). */
export function checkVersion(kind: string, id: number, stored: number, expected: number | null | undefined): void {
  if (expected === null || expected === undefined || expected === stored) return;
  throw new AppError(
    ErrorCode.CONFLICT,
    `${kind} ${id} is at version ${stored}, not ${expected}: read it again and re-apply your change`,
    { argument: 'expectedVersion', version: stored },
  );
}

/** Recomputes and stores the objective's progress from its key results (inside the writer's transaction). */
export async function refreshProgress(tx: Tx, objectiveId: number): Promise<number> {
  const keyResults = await tx.keyResult.findMany({
    where: { objectiveId },
    select: { metricType: true, startValue: true, targetValue: true, currentValue: true, weight: true },
  });
  const progress = objectiveProgress(keyResults.map((kr) => ({ progress: keyResultProgress(kr), weight: kr.weight })));
  await tx.objective.update({ where: { id: objectiveId }, data: { progress } });
  await refreshObjectiveForecasts(tx, [objectiveId]);
  return progress;
}

/** Sets each objective's forecast probability to the weighted mean of its key results' (NULL when none has one). */
export async function refreshObjectiveForecasts(
  db: Pick<Tx, '$executeRaw'>,
  objectiveIds: readonly number[],
): Promise<void> {
  await db.$executeRaw`
    UPDATE objectives o SET forecast_probability = (
      SELECT LEAST(1, GREATEST(0, sum(k.weight * k.forecast_probability) / NULLIF(sum(k.weight), 0)))
        FROM key_results k WHERE k.objective_id = o.id AND k.forecast_probability IS NOT NULL)
     WHERE o.id = ANY(${[...objectiveIds]}::int[])`;
}

// A catalog user by login, case-insensitively, through the unique index on lower(login): Prisma's `insensitive`
// mode is an ILIKE, a scan of every user.
export async function userByLogin(
  db: Pick<Tx, '$queryRaw'>,
  login: string,
): Promise<{ id: number; login: string } | null> {
  const [row] = await db.$queryRaw<Array<{ id: number; login: string }>>`
    SELECT id, login FROM users WHERE lower(login) = lower(${login}) LIMIT 1`;
  return row ?? null;
}
