// The OKR maths, exhaustively and by property: periods parse to half-open UTC intervals, progress is clamped and
// moves the right way for rising and falling targets, an objective's progress is a weighted mean, and status never
// gets worse with more progress or better with less time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsDay,
  elapsedShare,
  explicitPeriod,
  lastDay,
  parseDate,
  parsePeriod,
  periodFromLabel,
} from '../../../src/modules/okrs/math/period.js';
import {
  keyResultProgress,
  objectiveProgress,
  periodScore,
  type MetricType,
} from '../../../src/modules/okrs/math/progress.js';
import { DEFAULT_THRESHOLDS, okrStatus, type OkrStatus } from '../../../src/modules/okrs/math/status.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const numeric = (startValue: number, targetValue: number, currentValue: number, metricType: MetricType = 'NUMBER') =>
  keyResultProgress({ metricType, startValue, targetValue, currentValue });
const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true });

describe('periods', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-04-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
    ['2026-H1', '2026-01-01', '2026-07-01'],
    ['2026-h2', '2026-07-01', '2027-01-01'],
    [' 2026 ', '2026-01-01', '2027-01-01'],
  ])('%s is [%s, %s)', (text, start, end) => {
    const period = parsePeriod(text);
    expect(period.start).toEqual(day(start));
    expect(period.end).toEqual(day(end));
    expect(periodFromLabel(period.label)).toEqual(period);
  });

  it.each(['2026-Q5', '2026-Q0', 'Q4-2026', '26-Q1', '2026-H3', '', '1900', '2026-12'])(
    'refuses %j, naming the forms it takes',
    (text) => expect(() => parsePeriod(text)).toThrow(/use a quarter \("2026-Q4"\)/),
  );

  it('takes explicit dates, both inclusive, and refuses impossible or reversed ones', () => {
    const period = explicitPeriod('2026-10-01', '2026-12-31');
    expect(period).toMatchObject({ label: '2026-10-01..2026-12-31', start: day('2026-10-01'), end: day('2027-01-01') });
    expect(lastDay(period)).toBe('2026-12-31');
    expect(periodFromLabel(period.label)).toEqual(period);
    expect(() => explicitPeriod('2026-02-30', '2026-03-01')).toThrow(/startDate: "2026-02-30" is not a date/);
    expect(() => explicitPeriod('2026-12-01', '2026-11-30')).toThrow(/endDate: 2026-11-30 is before startDate/);
    expect(() => parseDate('31/12/2026', 'dueDate')).toThrow(/dueDate: .* use YYYY-MM-DD/);
  });

  it('contains its first and last day and nothing outside', () => {
    const q4 = parsePeriod('2026-Q4');
    expect(containsDay(q4, day('2026-10-01'))).toBe(true);
    expect(containsDay(q4, day('2026-12-31'))).toBe(true);
    expect(containsDay(q4, day('2027-01-01'))).toBe(false);
    expect(containsDay(q4, day('2026-09-30'))).toBe(false);
  });

  it('elapsed share is clamped to 0..1 and rises with time', () => {
    const q4 = parsePeriod('2026-Q4');
    expect(elapsedShare(q4.start, q4.end, day('2026-01-01'))).toBe(0);
    expect(elapsedShare(q4.start, q4.end, day('2027-06-01'))).toBe(1);
    expect(elapsedShare(q4.start, q4.end, day('2026-11-16'))).toBeCloseTo(0.5, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e11 }), fc.integer({ min: 0, max: 2e11 }), (a, b) => {
        const [t1, t2] = [Math.min(a, b), Math.max(a, b)].map((ms) => new Date(1.7e12 + ms));
        const e1 = elapsedShare(q4.start, q4.end, t1!);
        const e2 = elapsedShare(q4.start, q4.end, t2!);
        return e1 >= 0 && e2 <= 1 && e1 <= e2;
      }),
    );
  });
});

describe('key result progress', () => {
  it.each([
    ['rising, halfway', 45, 70, 57.5, 0.5],
    ['rising, at the start', 45, 70, 45, 0],
    ['rising, past the target', 45, 70, 90, 1],
    ['rising, the wrong way', 45, 70, 30, 0],
    ['falling, halfway', 800, 200, 500, 0.5],
    ['falling, reached', 800, 200, 200, 1],
    ['falling, below the target', 800, 200, 150, 1],
    ['falling, the wrong way', 800, 200, 900, 0],
    ['negative values', -10, 10, 0, 0.5],
    ['target equal to start, hit', 5, 5, 5, 1],
    ['target equal to start, missed', 5, 5, 4, 0],
  ])('%s', (_, start, target, current, expected) => {
    expect(numeric(start, target, current)).toBeCloseTo(expected, 10);
  });

  it('BOOLEAN is done or not', () => {
    expect(numeric(0, 1, 0, 'BOOLEAN')).toBe(0);
    expect(numeric(0, 1, 1, 'BOOLEAN')).toBe(1);
    expect(numeric(0, 1, 0.49, 'BOOLEAN')).toBe(0);
  });

  it('a non-finite value is no progress', () => {
    expect(numeric(0, 10, Number.NaN)).toBe(0);
    expect(numeric(0, Number.POSITIVE_INFINITY, 5)).toBe(0);
  });

  it('is always within 0..1 (clamping)', () => {
    fc.assert(
      fc.property(finite, finite, finite, (s, t, c) => {
        const p = numeric(s, t, c);
        return p >= 0 && p <= 1;
      }),
    );
  });

  it('never falls as the value moves toward the target (monotonicity, both directions)', () => {
    fc.assert(
      fc.property(finite, finite, finite, fc.double({ min: 0, max: 1e9, noNaN: true }), (s, t, c, step) => {
        fc.pre(s !== t);
        const toward = t > s ? c + step : c - step;
        return numeric(s, t, toward) >= numeric(s, t, c);
      }),
    );
  });

  it('a falling target mirrors a rising one (direction)', () => {
    fc.assert(
      fc.property(finite, finite, finite, (s, t, c) => {
        fc.pre(s !== t);
        return Math.abs(numeric(s, t, c) - numeric(-s, -t, -c)) < 1e-9;
      }),
    );
  });

  it('is 0 at the start and 1 at the target', () => {
    fc.assert(fc.property(finite, finite, (s, t) => numeric(s, t, s) === (s === t ? 1 : 0) && numeric(s, t, t) === 1));
  });
});

describe('objective progress and score', () => {
  it('is the weighted mean of its key results', () => {
    expect(objectiveProgress([])).toBe(0);
    expect(
      objectiveProgress([
        { progress: 1, weight: 3 },
        { progress: 0, weight: 1 },
      ]),
    ).toBeCloseTo(0.75);
    expect(objectiveProgress([{ progress: 0.4, weight: 0 }])).toBe(0); // no weight, no say
  });

  it('lies between its least and most advanced key result', () => {
    const kr = fc.record({
      progress: fc.double({ min: 0, max: 1, noNaN: true }),
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(kr, { minLength: 1, maxLength: 8 }), (krs) => {
        const p = objectiveProgress(krs);
        const values = krs.map((k) => k.progress);
        return p >= Math.min(...values) - 1e-9 && p <= Math.max(...values) + 1e-9;
      }),
    );
  });

  it('is graded only once the period has ended', () => {
    const end = day('2027-01-01');
    expect(periodScore(0.734, end, day('2026-12-31'))).toBeNull();
    expect(periodScore(0.734, end, end)).toBe(0.73);
    expect(periodScore(1.2, end, day('2027-02-01'))).toBe(1);
  });
});

describe('status', () => {
  const status = (progress: number, elapsed: number, checkIns = 1, probability?: number) =>
    okrStatus({ progress, elapsed, checkIns, probability });
  const SEVERITY: Record<OkrStatus, number> = { COMPLETED: -2, NOT_STARTED: -1, ON_TRACK: 0, AT_RISK: 1, BEHIND: 2 };

  it.each([
    [1, 0.2, 1, undefined, 'COMPLETED'],
    [0, 0.05, 0, undefined, 'NOT_STARTED'],
    [0, 0.5, 0, undefined, 'BEHIND'],
    [0.5, 0.55, 1, undefined, 'ON_TRACK'],
    [0.4, 0.55, 1, undefined, 'AT_RISK'],
    [0.2, 0.55, 1, undefined, 'BEHIND'],
    [0.5, 0.5, 1, 0.9, 'ON_TRACK'],
    [0.5, 0.5, 1, 0.5, 'AT_RISK'],
    [0.5, 0.5, 1, 0.1, 'BEHIND'],
    [0.2, 0.55, 1, 0.95, 'BEHIND'],
  ])(
    'progress %d at elapsed %d (%d check-ins, forecast %s): %s',
    (progress, elapsed, checkIns, probability, expected) => {
      expect(status(progress, elapsed, checkIns, probability)).toBe(expected);
    },
  );

  it('never gets worse with more progress, nor better with less time left or a lower forecast', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, unit, unit, (p1, p2, e1, e2, prob) => {
        const [lo, hi] = [Math.min(p1, p2), Math.max(p1, p2)];
        const [early, late] = [Math.min(e1, e2), Math.max(e1, e2)];
        return (
          SEVERITY[status(hi, e1, 1, prob)] <= SEVERITY[status(lo, e1, 1, prob)] &&
          SEVERITY[status(p1, late, 1, prob)] >= SEVERITY[status(p1, early, 1, prob)] &&
          SEVERITY[status(p1, e1, 1, Math.min(prob, p2))] >= SEVERITY[status(p1, e1, 1, Math.max(prob, p2))]
        );
      }),
    );
  });

  it('takes configured thresholds', () => {
    const strict = { ...DEFAULT_THRESHOLDS, atRiskGap: 0, behindGap: 0.05 };
    expect(okrStatus({ progress: 0.5, elapsed: 0.52, checkIns: 1 }, strict)).toBe('AT_RISK');
    expect(okrStatus({ progress: 0.5, elapsed: 0.52, checkIns: 1 })).toBe('ON_TRACK');
  });
});
