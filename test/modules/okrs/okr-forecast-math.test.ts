// The pure parts of kr-forecast: reading key results from prose, the features (rising and falling targets look
// alike), the synthetic generator (deterministic, labelled by where progress ended), and the metrics it is judged by.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/seeded-random.js';
import { parseKeyResultText } from '../../../src/modules/okrs/examples/key-result-text.js';
import { parseOkrExamples } from '../../../src/modules/okrs/examples/okr-examples.js';
import { forecastFeatures, type ForecastHistory } from '../../../src/modules/okrs/forecast/forecast-features.js';
import {
  auc,
  brier,
  coverage,
  plattScaling,
  reliability,
} from '../../../src/modules/okrs/forecast/forecast-metrics.js';
import { readForecastOutput } from '../../../src/modules/okrs/forecast/forecast-network.js';
import { parseForecastParams } from '../../../src/modules/okrs/forecast/forecast-params.js';
import { forecastExamples, generateHistories } from '../../../src/modules/okrs/forecast/synthetic-histories.js';

describe('key results read from prose', () => {
  it.each([
    ['Increase enterprise ARR from $20M to $35M', 'CURRENCY', 20e6, 35e6, 'USD'],
    ['Reduce P95 latency from 800ms to 200ms', 'NUMBER', 800, 200, 'ms'],
    ['Achieve 99.95% uptime (currently 99.7%)', 'PERCENT', 99.7, 99.95, '%'],
    ['Hire 30 senior+ engineers (currently 12)', 'NUMBER', 12, 30, null],
    ['Reduce voluntary engineering turnover from 18% to <8%', 'PERCENT', 18, 8, '%'],
    ['Achieve customer acquisition cost <$25 (currently $45)', 'CURRENCY', 45, 25, 'USD'],
    ['Reduce infrastructure costs by 30% through optimization', 'PERCENT', 0, 30, '%'],
    ['Launch in 5 new geographic markets', 'NUMBER', 0, 5, null],
    ['Complete database optimization course and implement learnings', 'BOOLEAN', 0, 1, null],
  ])('%s', (text, metricType, startValue, targetValue, unit) => {
    expect(parseKeyResultText(text)).toEqual({ title: text, metricType, startValue, targetValue, unit });
  });

  it('reads the examples file: levels, owners, key results; a line without an objective is refused', () => {
    const [example] = parseOkrExamples(
      '{"level":"Company-Level","objective":"Win","owner":"CEO","keyResults":["Increase NPS from 45 to 70"]}\n',
    );
    expect(example).toMatchObject({ objective: 'Win', level: 'COMPANY', ownerRole: 'CEO' });
    expect(example!.keyResults[0]).toMatchObject({ startValue: 45, targetValue: 70 });
    expect(() => parseOkrExamples('{"keyResults":[]}')).toThrow(/line 1/);
  });
});

const history = (start: number, target: number, values: number[], now = 0.5): ForecastHistory => ({
  metricType: 'NUMBER',
  startValue: start,
  targetValue: target,
  confidence: null,
  now,
  checkIns: values.map((value, i) => ({ at: ((i + 1) * now) / values.length, value, confidence: null })),
});

describe('forecast features', () => {
  it('see a falling target as a rising one with the same progress (only `falling` differs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1.2, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (shares, now) => {
          const rising = forecastFeatures(
            history(
              100,
              200,
              shares.map((s) => 100 + 100 * s),
              now,
            ),
          );
          const falling = forecastFeatures(
            history(
              800,
              200,
              shares.map((s) => 800 - 600 * s),
              now,
            ),
          );
          for (const name of Object.keys(rising) as Array<keyof typeof rising>)
            if (name !== 'falling') expect(falling[name]).toBeCloseTo(rising[name], 6);
          expect([rising.falling, falling.falling]).toEqual([0, 1]);
        },
      ),
    );
  });

  it('project the average pace to the end, notice stalls and stale check-ins', () => {
    const steady = forecastFeatures(history(0, 100, [10, 20, 30, 40], 0.4));
    expect(steady.projection).toBeCloseTo(1, 6);
    expect(steady.stalled).toBe(0);
    expect(steady.staleness).toBeCloseTo(0, 6);
    const stalled = forecastFeatures({ ...history(0, 100, [20, 30, 30, 30, 30], 0.5), now: 0.9 });
    expect(stalled.stalled).toBe(1);
    expect(stalled.staleness).toBeCloseTo(0.4, 6);
    const none = forecastFeatures(history(0, 100, [], 0.3));
    expect(none).toMatchObject({ progress: 0, checkIns: 0, hasConfidence: 0, confidence: 0.5, slope: 0 });
  });
});

describe('synthetic histories', () => {
  const templates = [parseKeyResultText('Increase NPS from 45 to 70'), parseKeyResultText('Launch the beta')];

  it('are the same for the same seed and labelled by where progress ended', () => {
    const a = generateHistories(templates, 300, 11);
    expect(generateHistories(templates, 300, 11)).toEqual(a);
    expect(generateHistories(templates, 300, 12)).not.toEqual(a);
    for (const kr of a) {
      expect(kr.reached).toBe(kr.finalProgress >= 1);
      for (let i = 1; i < kr.checkIns.length; i++) expect(kr.checkIns[i]!.at).toBeGreaterThan(kr.checkIns[i - 1]!.at);
      if (kr.template.metricType === 'BOOLEAN') for (const c of kr.checkIns) expect([0, 1]).toContain(c.value);
    }
    const reached = a.filter((kr) => kr.reached).length / a.length;
    expect(reached).toBeGreaterThan(0.2); // neither outcome is rare: both must be learnable
    expect(reached).toBeLessThan(0.8);
    expect(new Set(a.map((kr) => kr.archetype)).size).toBe(6);
  });

  it('cut examples from the check-ins made by each moment only', () => {
    const [kr] = generateHistories(templates.slice(0, 1), 1, 3);
    const examples = forecastExamples([kr!], 5, 1);
    for (const example of examples) {
      const made = kr!.checkIns.filter((c) => c.at <= example.row.elapsed).length;
      expect(example.row.checkIns).toBeCloseTo(Math.log1p(made), 9);
    }
  });
});

describe('forecast metrics', () => {
  it('AUC: 1 for a perfect ranking, 0.5 for ties, 0 reversed', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
    expect(auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  it('Brier, reliability bins and interval coverage', () => {
    expect(brier([1, 0, 0.5], [true, false, true])).toBeCloseTo(0.25 / 3, 9);
    const bins = reliability([0.05, 0.07, 0.95], [false, true, true], 10);
    expect(bins[0]).toMatchObject({ count: 2, observedRate: 0.5 });
    expect(bins[0]!.meanPredicted).toBeCloseTo(0.06, 9);
    expect(bins[9]).toMatchObject({ count: 1, observedRate: 1 });
    expect(coverage([0, 0, 0], [1, 1, 1], [0.5, 2, -1])).toBeCloseTo(1 / 3, 9);
  });

  it('Platt scaling turns a score into a calibrated probability', () => {
    // Outcomes drawn with p = σ(2x − 1): the fit recovers the curve.
    const random = seededRandom(5);
    const scores: number[] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = -3 + 6 * random();
      scores.push(x);
      outcomes.push(random() < 1 / (1 + Math.exp(-(2 * x - 1))));
    }
    const calibrate = plattScaling(scores, outcomes);
    for (const x of [-2, 0, 0.5, 2]) expect(calibrate(x)).toBeCloseTo(1 / (1 + Math.exp(-(2 * x - 1))), 1);
  });

  it('orders a crossed interval and clamps the probability', () => {
    expect(readForecastOutput([1.3, 0.5, 0.9, 0.2], 0)).toEqual({
      probability: 1,
      expectedProgress: 0.5,
      lowProgress: 0.2,
      highProgress: 0.9,
    });
  });

  it('training params: defaults, maxSamples as the number of key results, ranges and unknown names refused', () => {
    expect(parseForecastParams({ maxSamples: 500, epochs: null })).toMatchObject({ keyResults: 500, epochs: 60 });
    expect(() => parseForecastParams({ epochs: 0 })).toThrow(/epochs must be a whole number from 1 to 300/);
    expect(() => parseForecastParams({ l2: 0.1 })).toThrow(/l2 is not a kr-forecast param/);
  });
});
