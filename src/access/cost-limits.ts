// The most an operation may cost, per kind of caller (COST_LIMIT_*). An operation over it is refused before it
// runs, with its cost and the limit in the message and in `extensions.cost`.
import { AppError, ErrorCode } from '../errors.js';
import type { Actor, Role } from './actor.js';

export type CostLimits = Readonly<Record<Role | 'ANONYMOUS', number>>;

export interface CostVerdict {
  requested: number;
  limit: number;
}

export function costLimitFor(actor: Actor, limits: CostLimits): number {
  if (actor.kind === 'user') return limits[actor.role];
  if (actor.kind === 'anonymous') return limits.ANONYMOUS;
  return limits.ADMIN;
}

/** The verdict to report; throws BAD_USER_INPUT when `requested` is over the caller's limit. */
export function checkCost(actor: Actor, requested: number, limits: CostLimits): CostVerdict {
  const limit = costLimitFor(actor, limits);
  const verdict = { requested, limit };
  if (requested > limit) {
    const who = actor.kind === 'user' ? `the ${actor.role} role` : 'anonymous callers';
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `This operation's cost is ${requested}, over the limit of ${limit} for ${who}: ask for fewer items ` +
        '(smaller first/last), fewer nested lists or fewer aliases. A list multiplies what it selects by its size.',
      { cost: verdict },
    );
  }
  return verdict;
}
