// Field rules shared by the record schemas. Every rule names what it expects and shows what it got, so a rejected
// line reads "stars: expected a whole number from 0 to 2147483647, got -3" and the fix is obvious.
import { z } from 'zod';
import { parseIsoTimestamp } from './timestamp.js';

/** PostgreSQL `integer` (the counts' column type): larger values would fail the whole batch in the database. */
export const INT4_MAX = 2_147_483_647;
const TEXT_MAX_CHARS = 100_000;

/** A short, safe rendering of a rejected value for messages. */
export function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

/** An error function for zod: "is missing" for absent fields, otherwise what was expected and what came. */
export const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `is missing (expected ${what})` : `expected ${what}, got ${show(issue.input)}`;

/** Non-empty text after trimming. */
export function requiredText(what = 'text') {
  const error = expected(what);
  return z.string({ error }).trim().min(1, { error: 'must not be empty' }).max(TEXT_MAX_CHARS, { error });
}

/** Text that may be unknown: null, missing or blank all mean unknown (null). */
export function optionalText(what = 'text or null') {
  const error = expected(what);
  return z
    .string({ error })
    .max(TEXT_MAX_CHARS, { error })
    .nullish()
    .transform((value): string | null => (value == null || value.trim() === '' ? null : value.trim()));
}

/** A required count stored as PostgreSQL `integer`. */
export function count() {
  const error = expected(`a whole number from 0 to ${INT4_MAX}`);
  return z.number({ error }).int({ error }).min(0, { error }).max(INT4_MAX, { error });
}

/** A count that may be unknown (null or missing). */
export function optionalCount() {
  return count()
    .nullish()
    .transform((value): number | null => value ?? null);
}

/** An ISO 8601 date or date-time that may be unknown. */
export function optionalTimestamp() {
  const what = 'an ISO 8601 date such as "2023-12-13T18:09:58Z" or "2024-01-05"';
  return z
    .string({ error: expected(what) })
    .nullish()
    .transform((value, context): Date | null => {
      if (value == null || value.trim() === '') return null;
      const instant = parseIsoTimestamp(value.trim());
      if (!instant) context.addIssue({ code: 'custom', message: `expected ${what}, got ${show(value)}` });
      return instant;
    });
}

/** An http(s) URL that may be unknown. */
export function optionalUrl() {
  return optionalText('a URL or null').refine((value) => value === null || /^https?:\/\/\S+$/i.test(value), {
    error: (issue) => `expected an http(s) URL, got ${show(issue.input)}`,
  });
}

/** A list of values (each checked by `item`) that may be unknown: null or missing mean unknown (null). */
export function optionalList<T extends z.ZodType>(item: T) {
  return z
    .array(item, { error: expected('a list or null') })
    .nullish()
    .transform((value): z.output<T>[] | null => value ?? null);
}

/** Turns zod's issues into one line: "field: why; other.field[2]: why". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`).join('; ');
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'line';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
