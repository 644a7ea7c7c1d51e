// What callers send, checked before anything is written: each check names the argument and what to send instead.
// Pure (no database): the services call these first, so a refused input writes nothing.
import { badInput } from '../../errors.js';
import { containsDay, explicitPeriod, parseDate, parsePeriod, type Period } from './math/period.js';
import type { MetricType } from './math/progress.js';

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 4_000;
export const MAX_NOTE = 2_000;
export const MAX_UNIT = 20;
export const MAX_IDEMPOTENCY_KEY = 100;
const MAX_ABS_VALUE = 1e15;

export function checkTitle(value: string, argument = 'title'): string {
  const title = value.trim();
  if (title.length === 0) throw badInput(`${argument}: give a title`, { argument });
  if (title.length > MAX_TITLE)
    throw badInput(`${argument}: at most ${MAX_TITLE} characters; got ${title.length}`, { argument });
  return title;
}

export function checkText(value: string | null | undefined, max: number, argument: string): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > max) throw badInput(`${argument}: at most ${max} characters; got ${text.length}`, { argument });
  return text === '' ? null : text;
}

/** A period from its label, or from explicit dates (both or neither). */
export function periodOf(input: {
  period?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}): Period {
  const explicit = input.startDate != null || input.endDate != null;
  if (explicit && input.period != null)
    throw badInput('period: give either a period ("2026-Q4") or startDate and endDate, not both', {
      argument: 'period',
    });
  if (explicit) {
    if (input.startDate == null || input.endDate == null)
      throw badInput('startDate and endDate: give both', {
        argument: input.startDate == null ? 'startDate' : 'endDate',
      });
    return explicitPeriod(input.startDate, input.endDate);
  }
  if (input.period == null)
    throw badInput('period: give a period ("2026-Q4", "2026-H1", "2026") or startDate and endDate', {
      argument: 'period',
    });
  return parsePeriod(input.period);
}

export function checkConfidence(value: number | null | undefined, argument = 'confidence'): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw badInput(`${argument}: a probability from 0 to 1 (e.g. 0.7); got ${value}`, { argument });
  return value;
}

export function checkWeight(value: number | null | undefined): number {
  if (value === null || value === undefined) return 1;
  if (!Number.isFinite(value) || value <= 0 || value > 1_000)
    throw badInput(`weight: a number above 0, at most 1000; got ${value}`, { argument: 'weight' });
  return value;
}

/** A value the metric can hold: BOOLEAN 0 or 1, PERCENT 0..100, others any finite number. */
export function checkValue(metricType: MetricType, value: number, argument: string): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE)
    throw badInput(`${argument}: a finite number; got ${value}`, { argument });
  if (metricType === 'BOOLEAN' && value !== 0 && value !== 1)
    throw badInput(`${argument}: a BOOLEAN key result takes 0 (not done) or 1 (done); got ${value}`, { argument });
  if (metricType === 'PERCENT' && (value < 0 || value > 100))
    throw badInput(`${argument}: a PERCENT key result takes 0 to 100; got ${value}`, { argument });
  return value;
}

export interface KeyResultShape {
  metricType: MetricType;
  startValue: number;
  targetValue: number;
}

/** Start and target of a key result: valid for the metric, and different (progress needs a distance to cover). */
export function checkTarget(shape: KeyResultShape): KeyResultShape {
  checkValue(shape.metricType, shape.startValue, 'startValue');
  checkValue(shape.metricType, shape.targetValue, 'targetValue');
  if (shape.targetValue === shape.startValue)
    throw badInput(
      `targetValue: equal to startValue (${shape.startValue}): a key result needs a target to move toward` +
        (shape.metricType === 'BOOLEAN' ? ' (BOOLEAN: start 0, target 1)' : ''),
      { argument: 'targetValue' },
    );
  return shape;
}

/** A due date ("2026-12-31") inside the objective's period. */
export function checkDueDate(text: string, period: Period): Date {
  const due = parseDate(text, 'dueDate');
  if (!containsDay(period, due))
    throw badInput(
      `dueDate: ${text.trim()} is outside the objective's period ${period.label} ` +
        `(${period.start.toISOString().slice(0, 10)} to ${new Date(period.end.getTime() - 86_400_000).toISOString().slice(0, 10)})`,
      { argument: 'dueDate' },
    );
  return due;
}

export function checkIdempotencyKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const key = value.trim();
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)
    throw badInput(`idempotencyKey: 1 to ${MAX_IDEMPOTENCY_KEY} characters`, { argument: 'idempotencyKey' });
  return key;
}
