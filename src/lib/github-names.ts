// The shapes of GitHub names that API arguments are checked against before they reach SQL (the importer checks
// its input with the same rules: src/modules/import/github-names.ts). GitHub compares names without case.
import { badInput } from '../errors.js';

/** Letters, digits, hyphens (older accounts: dots, underscores) and the "[bot]" suffix of GitHub Apps. */
export const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(\[bot\])?$/;
/** Lower-case letters, digits and hyphens, at most 50 characters (case is folded: GitHub topics are lower case). */
export const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/i;

export function checkLogin(login: string, argument: string): string {
  const trimmed = login.trim();
  if (!LOGIN.test(trimmed)) {
    throw badInput(`"${login}" is not a GitHub login: use letters, digits, hyphens, dots or underscores`, {
      argument,
    });
  }
  return trimmed;
}

/** The topic name in GitHub's (lower-case) form. */
export function checkTopic(name: string, argument: string): string {
  const trimmed = name.trim();
  if (!TOPIC.test(trimmed)) {
    throw badInput(`"${name}" is not a topic name: use lower-case letters, digits and hyphens, at most 50 characters`, {
      argument,
    });
  }
  return trimmed.toLowerCase();
}
