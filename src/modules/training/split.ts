// Which examples train, validate and test, decided by a hash of each example's key (a repository's full name):
// the same repository lands in the same part in every run, on every machine, whatever else the catalog holds. So
// versions trained months apart are scored on the same held-out repositories, and their metrics compare.
import { stableUnitInterval } from '../../lib/stable-hash.js';

export type SplitPart = 'train' | 'validation' | 'test';

/** Share of examples held out for the final evaluation; fixed, so test sets never change with params. */
export const TEST_SHARE = 0.2;

/** The part of `key`: the first TEST_SHARE of hash space tests; the rest splits by `validationSplit`. */
export function splitPart(key: string, validationSplit: number): SplitPart {
  const point = stableUnitInterval(`split:${key.toLowerCase()}`);
  if (point < TEST_SHARE) return 'test';
  return (point - TEST_SHARE) / (1 - TEST_SHARE) < validationSplit ? 'validation' : 'train';
}

/** A deterministic subset of at most `max` keys (by a second hash): maxSamples trains on the same ones each run. */
export function sampleKeys<T>(items: readonly T[], max: number | null, keyOf: (item: T) => string): T[] {
  if (max === null || items.length <= max) return [...items];
  return items
    .map((item) => ({ item, rank: stableUnitInterval(`sample:${keyOf(item).toLowerCase()}`) }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, max)
    .map(({ item }) => item);
}
