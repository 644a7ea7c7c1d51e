// Numeric bounds of list filters (minStars, minFollowers, minRepositoryCount...), checked before they reach SQL.
import { badInput } from '../errors.js';

/** `value` when it is a whole number, 0 or more; otherwise a bad-input error naming `argument`. */
export function countBound(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw badInput(`"${argument}" must be 0 or more; got ${value}`, { argument });
  return value;
}
