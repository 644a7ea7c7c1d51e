// SYNTHETIC key-result histories for kr-forecast to learn from and be evaluated on. No public data set of OKR
// check-in histories exists, so this generator writes plausible ones; every number it produces is synthetic and
// every place that reports on it says so (docs/models.md, the version's dataset).
//
// Each key result starts from a template read from okr_examples.jsonl (its metric, start, target and unit, rising
// or falling), gets an owner (honest, or over-confident) and a course through its period, one of:
//
//   steady       a constant pace that may fall short or overshoot        progress(t) = r·t
//   ahead        a fast, constant pace                                     r·t, r > 1
//   drift        a good start that slows down                              r·(1 − e^(−kt)) / (1 − e^(−k))
//   plateau      a pace that stops for a while, then resumes               r·(t − time spent on the plateau)
//   late-push    little early, most of it near the end                     r·t^a, a ∈ [1.8, 3.5]
//   abandoned    a pace that stops, and the check-ins stop with it         r·min(t, stop)
//
// plus a random walk on top (noise in what gets measured). Check-ins come about weekly with jitter and skipped weeks;
// each carries the value and, mostly, the owner's confidence: an honest owner's confidence mixes what the check-ins
// show with private knowledge of how it will end; an over-confident owner says 0.75–0.9 until the very end.
// BOOLEAN key results are done (1) or not (0): done at a time that follows the same courses.
// The label is whether the progress at the due date reached the target, and where it ended.
import { permutation, seededRandom } from '../../../lib/seeded-random.js';
import type { KeyResultTemplate } from '../examples/key-result-text.js';
import {
  clamp,
  forecastFeatures,
  linearProjection,
  type ForecastCheckIn,
  type ForecastRow,
} from './forecast-features.js';

export const ARCHETYPES = ['steady', 'ahead', 'drift', 'plateau', 'late-push', 'abandoned'] as const;
export type Archetype = (typeof ARCHETYPES)[number];
const ARCHETYPE_WEIGHTS: Record<Archetype, number> = {
  steady: 0.28,
  ahead: 0.1,
  drift: 0.17,
  plateau: 0.15,
  'late-push': 0.15,
  abandoned: 0.15,
};
const OVER_CONFIDENT_SHARE = 0.3;
const WEEK = 1 / 13; // a quarter's weeks, as time shares

export interface SyntheticKeyResult {
  template: KeyResultTemplate;
  archetype: Archetype;
  overConfident: boolean;
  checkIns: ForecastCheckIn[];
  /** Progress at the due date (may pass 1 or fall below 0). */
  finalProgress: number;
  reached: boolean;
}

export interface ForecastExample {
  row: ForecastRow;
  reached: boolean;
  /** Where progress ended, clamped to [−0.5, 2] (what the expected-value head learns). */
  finalProgress: number;
  /** The key result it was cut from: examples of one key result stay in one split. */
  keyResult: number;
}

type Random = () => number;
const uniform = (random: Random, lo: number, hi: number) => lo + (hi - lo) * random();
function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function pick<T extends string>(weights: Record<T, number>, random: Random): T {
  let u = random() * Object.values<number>(weights).reduce((a, b) => a + b, 0);
  for (const [key, weight] of Object.entries<number>(weights)) if ((u -= weight) <= 0) return key as T;
  return Object.keys(weights)[0] as T;
}

/** The course of progress through time (0..1) for an archetype, without noise. */
function course(archetype: Archetype, random: Random): { at: (t: number) => number; stop: number } {
  switch (archetype) {
    case 'steady': {
      const r = uniform(random, 0.55, 1.35);
      return { at: (t) => r * t, stop: 2 };
    }
    case 'ahead': {
      const r = uniform(random, 1.05, 1.7);
      return { at: (t) => r * t, stop: 2 };
    }
    case 'drift': {
      const r = uniform(random, 0.6, 1.4);
      const k = uniform(random, 1.5, 4);
      return { at: (t) => (r * (1 - Math.exp(-k * t))) / (1 - Math.exp(-k)), stop: 2 };
    }
    case 'plateau': {
      const r = uniform(random, 0.8, 1.7);
      const from = uniform(random, 0.2, 0.5);
      const to = from + uniform(random, 0.2, 0.45);
      return { at: (t) => r * (t - clamp(t - from, 0, to - from)), stop: 2 };
    }
    case 'late-push': {
      const r = uniform(random, 0.5, 1.45);
      const a = uniform(random, 1.8, 3.5);
      return { at: (t) => r * t ** a, stop: 2 };
    }
    case 'abandoned': {
      const r = uniform(random, 0.5, 1.3);
      const stop = uniform(random, 0.25, 0.65);
      return { at: (t) => r * Math.min(t, stop), stop };
    }
  }
}

function generateOne(template: KeyResultTemplate, random: Random): SyntheticKeyResult {
  const archetype = pick(ARCHETYPE_WEIGHTS, random);
  const overConfident = random() < OVER_CONFIDENT_SHARE;
  const { at, stop } = course(archetype, random);
  const span = template.targetValue - template.startValue;
  const boolean = template.metricType === 'BOOLEAN';
  // The random walk of measured progress: drawn on a weekly grid, interpolated between.
  const walk: number[] = [0];
  for (let w = 1; w <= 14; w++) walk.push(walk[w - 1]! + 0.035 * normal(random));
  const noiseAt = (t: number) => {
    const x = t / WEEK;
    const i = Math.min(13, Math.floor(x));
    return walk[i]! + (walk[i + 1]! - walk[i]!) * (x - i);
  };
  const progressAt = (t: number) => at(t) + noiseAt(t);
  const finalProgress = progressAt(1);
  // A BOOLEAN is done once its underlying course reaches 1.
  const doneAt = (t: number) => (progressAt(t) >= 1 ? 1 : 0);
  const reached = boolean ? doneAt(1) === 1 : finalProgress >= 1;
  // What an honest owner privately expects at the end (better informed late in the period).
  const insight = finalProgress + 0.3 * normal(random);

  const checkIns: ForecastCheckIn[] = [];
  let t = uniform(random, 0.02, 0.12);
  const lastCheckIn = Math.min(1, stop + uniform(random, 0, 0.08));
  while (t <= lastCheckIn) {
    if (random() > 0.15) {
      const progress = boolean ? doneAt(t) : progressAt(t);
      const value = boolean ? progress : template.startValue + progress * span * (1 + 0.01 * normal(random));
      const projection = linearProjection(progress, t > 0 ? progress / t : 0, t);
      const belief = sigmoid((0.5 * projection + 0.5 * insight - 1) / 0.15);
      const confidence = overConfident && t < 0.85 ? Math.max(belief, uniform(random, 0.75, 0.9)) : belief;
      checkIns.push({
        at: t,
        value: roundValue(value, template),
        confidence: random() < 0.8 ? Math.round(clamp(confidence, 0.05, 0.95) * 20) / 20 : null,
      });
    }
    t += WEEK * uniform(random, 0.7, 1.5);
  }
  return {
    template,
    archetype,
    overConfident,
    checkIns,
    finalProgress: boolean ? (reached ? 1 : 0) : finalProgress,
    reached,
  };
}

/** Values as people type them: whole numbers for counts, two decimals for percentages and small numbers. */
function roundValue(value: number, template: KeyResultTemplate): number {
  const scale = Math.max(Math.abs(template.startValue), Math.abs(template.targetValue));
  if (template.metricType === 'BOOLEAN') return value;
  if (scale >= 1000) return Math.round(value);
  return Math.round(value * 100) / 100;
}

/** `count` synthetic key results from the templates (drawn evenly), the same ones for the same seed. */
export function generateHistories(
  templates: readonly KeyResultTemplate[],
  count: number,
  seed: number,
): SyntheticKeyResult[] {
  if (templates.length === 0) throw new Error('no key-result templates to generate histories from');
  const random = seededRandom(seed);
  const order = permutation(templates.length, random);
  return Array.from({ length: count }, (_, i) => generateOne(templates[order[i % templates.length]!]!, random));
}

/** Examples cut from each key result at `perKeyResult` random moments of its period (the check-ins made by then). */
export function forecastExamples(
  histories: readonly SyntheticKeyResult[],
  perKeyResult: number,
  seed: number,
): ForecastExample[] {
  const random = seededRandom(seed);
  const examples: ForecastExample[] = [];
  histories.forEach((kr, keyResult) => {
    for (let i = 0; i < perKeyResult; i++) {
      const now = uniform(random, 0.1, 0.95);
      const row = forecastFeatures({
        ...kr.template,
        checkIns: kr.checkIns.filter((c) => c.at <= now),
        confidence: null,
        now,
      });
      examples.push({ row, reached: kr.reached, finalProgress: clamp(kr.finalProgress, -0.5, 2), keyResult });
    }
  });
  return examples;
}
