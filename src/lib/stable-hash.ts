// A position in [0, 1) derived from a string, the same in every process and release: what makes a routing key
// sticky. SHA-256 rather than a multiplicative hash (FNV): keys that differ in one character ("user-1",
// "user-2") must land far apart, or similar keys would all take the same route.
import { createHash } from 'node:crypto';

const SCALE = 2 ** 48;

export function stableUnitInterval(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readUIntBE(0, 6) / SCALE;
}
