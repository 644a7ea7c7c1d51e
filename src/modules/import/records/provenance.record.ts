// Provenance of a repository's facts (repos_provenance.jsonl: joined on fullName). The same fields may also sit
// on a repository line (the shipped sample merges them in). Other keys (sources, rankingLists, ...) are ignored.
import { z } from 'zod';
import { expected, optionalCount, optionalList, optionalTimestamp } from '../fields.js';
import { fullName } from '../github-names.js';

export interface ProvenanceFields {
  readonly pushedAt: Date | null;
  readonly openIssues: number | null;
  /** Decimal string: GitHub ids are 64-bit, beyond what a JavaScript number holds exactly. */
  readonly githubId: string | null;
  /** Names the repository had before a rename (full names). */
  readonly formerNames: readonly string[] | null;
  /** When stars and forks were observed. */
  readonly statsAsOf: Date | null;
}

export interface ProvenanceRecord extends ProvenanceFields {
  readonly fullName: string;
}

const GITHUB_ID = 'a positive whole number (GitHub id)';
const BIGINT_DIGITS = /^[1-9]\d{0,17}$/; // below 10^18: always inside PostgreSQL bigint

const githubId = z
  .union([z.number(), z.string()], { error: expected(GITHUB_ID) })
  .nullish()
  .transform((value, context): string | null => {
    if (value == null) return null;
    const digits = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value.trim();
    if (BIGINT_DIGITS.test(digits)) return digits;
    context.addIssue({ code: 'custom', message: `expected ${GITHUB_ID}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  });

/** Optional on repository lines: a missing key means unknown, exactly like null. */
export const provenanceShape = {
  pushedAt: optionalTimestamp(),
  openIssues: optionalCount(),
  githubId,
  formerNames: optionalList(fullName()),
  statsAsOf: optionalTimestamp(),
};

export const provenanceRecord: z.ZodType<ProvenanceRecord, unknown> = z.object(
  { fullName: fullName(), ...provenanceShape },
  { error: 'expected a JSON object' },
);
