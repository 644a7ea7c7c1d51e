// A forecast said in words, from the numbers it was computed from: what the model saw (done so far, time gone, the
// pace, the owner's confidence) and what it concluded, so a reader can tell why it is 35% and not 80%.
import type { ForecastRow } from './forecast-features.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

function format(value: number, unit: string | null): string {
  const rounded =
    Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 100) / 100);
  if (unit === 'USD') return `$${rounded}`;
  if (!unit) return rounded;
  return unit === '%' || unit.startsWith('/') ? `${rounded}${unit}` : `${rounded} ${unit}`;
}

export function explainForecast(
  kr: { metricType: string; targetValue: number; unit: string | null; dueDate: Date },
  features: ForecastRow,
  forecast: { probability: number; expectedValue: number; low: number; high: number },
  valueAt: (progress: number) => number,
): string {
  const due = kr.dueDate.toISOString().slice(0, 10);
  const target = kr.metricType === 'BOOLEAN' ? 'done' : format(kr.targetValue, kr.unit);
  const parts = [`${pct(forecast.probability)} likely to reach ${target} by ${due}`];
  parts.push(`${pct(features.progress)} done with ${pct(features.elapsed)} of the time gone`);
  if (features.checkIns === 0) parts.push('no check-in yet');
  else if (kr.metricType !== 'BOOLEAN') {
    parts.push(`at the pace so far it would end near ${format(valueAt(features.projection), kr.unit)}`);
    if (features.stalled >= 1 && features.checkIns > Math.log1p(2)) parts.push('no progress in the last check-ins');
  }
  if (features.staleness > 0.2) parts.push(`last check-in ${pct(features.staleness)} of the period ago`);
  if (features.hasConfidence) {
    const gap = features.confidence - forecast.probability;
    const judged = gap > 0.2 ? ' (the forecast is lower)' : gap < -0.2 ? ' (the forecast is higher)' : '';
    parts.push(`owner confidence ${features.confidence.toFixed(2)}${judged}`);
  }
  if (kr.metricType !== 'BOOLEAN')
    parts.push(
      `expected ${format(forecast.expectedValue, kr.unit)} (80% between ${format(forecast.low, kr.unit)} and ${format(forecast.high, kr.unit)})`,
    );
  return `${parts.join('; ')}.`;
}
