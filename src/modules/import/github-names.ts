// The shapes of GitHub's names, checked before anything reaches the database. GitHub compares logins and
// repository names without regard to case, so the importer keys them by `nameKey` (lower case) everywhere.
import { z } from 'zod';
import { expected } from './fields.js';

/** Letters, digits, hyphens (older accounts: dots, underscores) and the "[bot]" suffix of GitHub Apps. */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[bot\])?$/;
const REPOSITORY_NAME = /^[A-Za-z0-9._-]+$/;
/** GitHub topics: lower-case letters, digits and hyphens, at most 50 characters (case is folded on import). */
const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/i;

export const nameKey = (name: string): string => name.toLowerCase();

export function login(what = 'a GitHub login such as "octocat"') {
  const error = expected(what);
  return z.string({ error }).trim().max(100, { error }).regex(LOGIN, { error });
}

/** "owner/name". */
export function fullName() {
  const error = expected('a repository full name such as "octocat/hello-world"');
  return z
    .string({ error })
    .trim()
    .max(200, { error })
    .refine(
      (value) => {
        const [owner, name, ...rest] = value.split('/');
        return (
          rest.length === 0 &&
          owner !== undefined &&
          LOGIN.test(owner) &&
          name !== undefined &&
          REPOSITORY_NAME.test(name)
        );
      },
      { error },
    );
}

export function repositoryName() {
  const error = expected('a repository name such as "hello-world"');
  return z.string({ error }).trim().max(100, { error }).regex(REPOSITORY_NAME, { error });
}

/** A topic name; upper case is folded, since GitHub only has lower-case topics. */
export function topicName() {
  const error = expected('a topic name (lower-case letters, digits and hyphens, at most 50 characters)');
  return z
    .string({ error })
    .trim()
    .regex(TOPIC, { error })
    .transform((value) => value.toLowerCase());
}
