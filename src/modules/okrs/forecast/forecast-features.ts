// What kr-forecast reads about a key result at a moment: numbers from its check-in history and metadata, the same
// for the synthetic histories it learns from and the stored key results it serves. Everything is in *progress
// units* (0 = the start value, 1 = the target, so rising and falling targets look alike) and *time shares* (0 = the
// period's start, 1 = the end of the due date), so a sales KR in dollars and a latency KR in milliseconds compare.
import { keyResultProgress, type MetricType } from '../math/progress.js';

export interface ForecastCheckIn {
  /** Time share (0..1) when it was made. */
  at: number;
  value: number;
  confidence: number | null;
}

export interface ForecastHistory {
  metricType: MetricType;
  startValue: number;
  targetValue: number;
  /** Ascending by time; only those made by `now`. */
  checkIns: readonly ForecastCheckIn[];
  /** The owner's latest confidence when no check-in carries one (the key result's own). */
  confidence: number | null;
  /** Time share now. */
  now: number;
}

/** The model's inputs, in order (its input schema's properties and its feature specs). */
export const FORECAST_FEATURES = [
  'elapsed',
  'progress',
  'pace',
  'checkIns',
  'slope',
  'recentSlope',
  'projection',
  'staleness',
  'confidence',
  'hasConfidence',
  'confidenceChange',
  'volatility',
  'stalled',
  'falling',
  'boolean',
] as const;
export type ForecastFeature = (typeof FORECAST_FEATURES)[number];
export type ForecastRow = Record<ForecastFeature, number>;

export const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);
/** Progress as a feature may leave 0..1 a little (behind the start, past the target), not without bound. */
const rawProgress = (h: ForecastHistory, value: number) => {
  if (h.metricType === 'BOOLEAN') return value >= 0.5 ? 1 : 0;
  const span = h.targetValue - h.startValue;
  return span === 0 ? 0 : clamp((value - h.startValue) / span, -1, 2);
};

/** Least-squares slope of progress over time through the points (the start, progress 0 at time 0, included). */
function slopeOf(points: ReadonlyArray<[number, number]>): { slope: number; residual: number } {
  if (points.length < 2) return { slope: 0, residual: 0 };
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= points.length;
  my /= points.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  const slope = sxx < 1e-9 ? 0 : sxy / sxx;
  let sse = 0;
  for (const [x, y] of points) sse += (y - my - slope * (x - mx)) ** 2;
  return { slope: clamp(slope, -10, 10), residual: Math.sqrt(sse / points.length) };
}

export function forecastFeatures(h: ForecastHistory): ForecastRow {
  const now = clamp(h.now, 0, 1);
  const points: Array<[number, number]> = [[0, 0]];
  for (const c of h.checkIns) points.push([clamp(c.at, 0, 1), rawProgress(h, c.value)]);
  const last = points[points.length - 1]!;
  const progress = keyResultProgress({ ...h, currentValue: h.checkIns.at(-1)?.value ?? h.startValue });
  const { slope, residual } = slopeOf(points);
  const recent = slopeOf(points.slice(-3)).slope;
  const confidences = h.checkIns.map((c) => c.confidence).filter((c): c is number => c !== null);
  const confidence = confidences.at(-1) ?? h.confidence;
  let stalled = 0;
  const tail = points.slice(-4);
  for (let i = 1; i < tail.length; i++) if (tail[i]![1] <= tail[i - 1]![1] + 1e-9) stalled++;
  return {
    elapsed: now,
    progress,
    pace: progress - now,
    checkIns: Math.log1p(h.checkIns.length),
    slope,
    recentSlope: recent,
    projection: clamp(linearProjection(last[1], slope, now), -1, 3),
    staleness: clamp(now - last[0], 0, 1),
    confidence: confidence ?? 0.5,
    hasConfidence: confidence === null || confidence === undefined ? 0 : 1,
    confidenceChange: confidences.length >= 2 ? confidences.at(-1)! - confidences[0]! : 0,
    volatility: clamp(residual, 0, 2),
    stalled: tail.length > 1 ? stalled / (tail.length - 1) : 0,
    falling: h.targetValue < h.startValue ? 1 : 0,
    boolean: h.metricType === 'BOOLEAN' ? 1 : 0,
  };
}

/** Where the progress would end if it kept its average pace: the linear-extrapolation baseline. */
export function linearProjection(progress: number, slope: number, now: number): number {
  return progress + slope * (1 - clamp(now, 0, 1));
}
