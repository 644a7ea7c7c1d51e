// An objective's period: a quarter ("2026-Q4"), a half ("2026-H1"), a year ("2026"), or explicit dates. Internally
// a half-open interval of UTC instants [start, end): a quarter ends where the next begins, so "is this due date in
// the period" and "how much of the period has elapsed" need no end-of-day arithmetic.
import { badInput } from '../../../errors.js';

export interface Period {
  /** "2026-Q4", "2026-H1", "2026", or "2026-10-01..2026-12-31" for explicit dates. */
  label: string;
  start: Date;
  /** Exclusive: the first instant after the period. */
  end: Date;
}

export const DAY_MS = 86_400_000;
const NAMED = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1970;
const MAX_YEAR = 2999;

const utc = (year: number, monthIndex: number, day = 1) => new Date(Date.UTC(year, monthIndex, day));

/** Parses "2026-Q4", "2026-H1" or "2026"; BAD_USER_INPUT naming the accepted forms otherwise. */
export function parsePeriod(text: string, argument = 'period'): Period {
  const label = text.trim().toUpperCase();
  const match = NAMED.exec(label);
  const year = match ? Number(match[1]) : NaN;
  if (!match || year < MIN_YEAR || year > MAX_YEAR)
    throw badInput(
      `${argument}: "${text}" is not a period; use a quarter ("2026-Q4"), a half ("2026-H1"), a year ("2026"), ` +
        'or give startDate and endDate',
      { argument },
    );
  const part = match[2];
  if (!part) return { label, start: utc(year, 0), end: utc(year + 1, 0) };
  const index = Number(part.slice(1)) - 1;
  const months = part.startsWith('Q') ? 3 : 6;
  return { label, start: utc(year, index * months), end: utc(year, (index + 1) * months) };
}

/** A calendar date "2026-12-31" as the UTC midnight that begins it; BAD_USER_INPUT when it is not a real date. */
export function parseDate(text: string, argument: string): Date {
  const match = DATE.exec(text.trim());
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const date = utc(year, month - 1, day);
  if (!match || year < MIN_YEAR || year > MAX_YEAR || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw badInput(`${argument}: "${text}" is not a date; use YYYY-MM-DD, e.g. "2026-12-31"`, { argument });
  return date;
}

/** Explicit dates, both inclusive as people write them ("2026-10-01" to "2026-12-31"). */
export function explicitPeriod(startDate: string, endDate: string): Period {
  const start = parseDate(startDate, 'startDate');
  const last = parseDate(endDate, 'endDate');
  if (last < start) throw badInput(`endDate: ${endDate} is before startDate ${startDate}`, { argument: 'endDate' });
  return { label: `${startDate.trim()}..${endDate.trim()}`, start, end: new Date(last.getTime() + DAY_MS) };
}

/** Reads back a stored label (either form). */
export function periodFromLabel(label: string): Period {
  const [from, to] = label.split('..');
  return to === undefined ? parsePeriod(label) : explicitPeriod(from!, to);
}

/** The date (YYYY-MM-DD) of the period's last day. */
export function lastDay(period: Period): string {
  return new Date(period.end.getTime() - DAY_MS).toISOString().slice(0, 10);
}

/** Whether a due date (a day) falls inside the period. */
export function containsDay(period: Period, day: Date): boolean {
  return day >= period.start && day < period.end;
}

/** Share of [start, end) elapsed at `now`, clamped to 0..1. */
export function elapsedShare(start: Date, end: Date, now: Date): number {
  const span = end.getTime() - start.getTime();
  if (span <= 0) return now >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / span));
}

/** The first instant after a (due) day: a key result's time runs to the end of its due date. */
export function endOfDay(day: Date): Date {
  return new Date(day.getTime() + DAY_MS);
}
