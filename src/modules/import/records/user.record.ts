// One line of a users file: {login, type, publicRepos, followers, following, createdAt}; null means unknown.
// Other keys (numInteractions, ...) are ignored.
import { z } from 'zod';
import { expected, optionalCount, optionalText, optionalTimestamp, optionalUrl } from '../fields.js';
import { login } from '../github-names.js';

export const USER_TYPES = ['USER', 'ORGANIZATION', 'BOT'] as const;
export type UserType = (typeof USER_TYPES)[number];

export interface UserRecord {
  readonly login: string;
  /** null: unknown (a new row gets USER, an existing row keeps its type). */
  readonly type: UserType | null;
  readonly publicRepos: number | null;
  readonly followers: number | null;
  readonly following: number | null;
  readonly createdAt: Date | null;
  // Profile fields: only GitHub ingestion reads them (data files have none). Absent or null: unknown, kept.
  readonly name?: string | null;
  readonly bio?: string | null;
  readonly company?: string | null;
  readonly location?: string | null;
  readonly avatarUrl?: string | null;
}

/** GitHub writes "User", "Organization", "Bot"; the enum's own spelling is accepted too. */
const userType = z
  .string({ error: expected('"User", "Organization", "Bot" or null') })
  .nullish()
  .transform((value, context): UserType | null => {
    if (value == null) return null;
    const upper = value.trim().toUpperCase();
    if ((USER_TYPES as readonly string[]).includes(upper)) return upper as UserType;
    context.addIssue({
      code: 'custom',
      message: `expected "User", "Organization", "Bot" or null, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  });

const userShape = {
  login: login(),
  type: userType,
  publicRepos: optionalCount(),
  followers: optionalCount(),
  following: optionalCount(),
  createdAt: optionalTimestamp(),
};

export const userRecord: z.ZodType<UserRecord, unknown> = z.object(userShape, { error: 'expected a JSON object' });

/** A user with the profile fields GitHub's `GET /users/{login}` gives (camelCased by the caller). */
export const userProfileRecord: z.ZodType<UserRecord, unknown> = z.object(
  {
    ...userShape,
    name: optionalText(),
    bio: optionalText(),
    company: optionalText(),
    location: optionalText(),
    avatarUrl: optionalUrl(),
  },
  { error: 'expected a JSON object' },
);
