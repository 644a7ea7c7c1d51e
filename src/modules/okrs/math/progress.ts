// Progress of key results and objectives, and the score at the end of the period. A key result moves from its
// start value toward its target, up ("from 45 to 70") or down ("from 800 ms to 200 ms"): progress is the share of
// that distance covered, clamped to 0..1 (going past the target is done, moving the wrong way is nothing yet). An
// objective's progress is the weighted mean of its key results'. Pure: the same numbers the API, the forecasts and
// the tests see.

export type MetricType = 'NUMBER' | 'PERCENT' | 'CURRENCY' | 'BOOLEAN';

export interface KeyResultValues {
  metricType: MetricType;
  startValue: number;
  targetValue: number;
  currentValue: number;
}

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);

export function keyResultProgress(kr: KeyResultValues): number {
  const { startValue: start, targetValue: target, currentValue: current } = kr;
  if (![start, target, current].every(Number.isFinite)) return 0;
  if (kr.metricType === 'BOOLEAN') return current >= 0.5 ? 1 : 0; // done (1) or not (0)
  // Refused on input (a target must differ from its start); a stored one counts as reached only when hit.
  if (target === start) return current === target ? 1 : 0;
  return clamp01((current - start) / (target - start));
}

/** Whether values rise toward the target ("from 45 to 70") rather than fall ("from 800 ms to 200 ms"). */
export const rising = (kr: Pick<KeyResultValues, 'startValue' | 'targetValue'>) => kr.targetValue >= kr.startValue;

/** Weighted mean of the key results' progress (weights > 0); 0 for an objective with no key results yet. */
export function objectiveProgress(keyResults: ReadonlyArray<{ progress: number; weight: number }>): number {
  let sum = 0;
  let weights = 0;
  for (const { progress, weight } of keyResults) {
    if (!(weight > 0) || !Number.isFinite(progress)) continue;
    sum += weight * clamp01(progress);
    weights += weight;
  }
  return weights === 0 ? 0 : clamp01(sum / weights);
}

/** The 0.0–1.0 grade of a period that has ended (progress at its end, two decimals); null while it runs. */
export function periodScore(progress: number, periodEnd: Date, now: Date): number | null {
  if (now < periodEnd) return null;
  return Math.round(clamp01(progress) * 100) / 100;
}
