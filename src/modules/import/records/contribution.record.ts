// One line of a contributions file (interactions.jsonl): {user, repo, type: "contributed", weight}. The user and
// repository are named by login and full name; the importer resolves them to rows.
import { z } from 'zod';
import { expected } from '../fields.js';
import { fullName, login } from '../github-names.js';

export const CONTRIBUTION_KINDS = ['CONTRIBUTED', 'STARRED', 'FORKED', 'WATCHED'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export interface ContributionRecord {
  readonly user: string;
  readonly repo: string;
  readonly kind: ContributionKind;
  /** How much: the number of contributions for CONTRIBUTED; 1 when the line gives none. */
  readonly weight: number;
}

const KINDS_TEXT = '"contributed", "starred", "forked" or "watched"';

const kind = z
  .string({ error: expected(KINDS_TEXT) })
  .nullish()
  .transform((value, context): ContributionKind => {
    if (value == null) return 'CONTRIBUTED';
    const upper = value.trim().toUpperCase();
    if ((CONTRIBUTION_KINDS as readonly string[]).includes(upper)) return upper as ContributionKind;
    context.addIssue({ code: 'custom', message: `expected ${KINDS_TEXT}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  });

const weightError = expected('a number ≥ 0');
const weight = z
  .number({ error: weightError })
  .min(0, { error: weightError })
  .nullish()
  .transform((value): number => value ?? 1);

export const contributionRecord: z.ZodType<ContributionRecord, unknown> = z
  .object({ user: login(), repo: fullName(), type: kind, weight }, { error: 'expected a JSON object' })
  .transform(({ user, repo, type, weight: amount }): ContributionRecord => ({
    user,
    repo,
    kind: type,
    weight: amount,
  }));
