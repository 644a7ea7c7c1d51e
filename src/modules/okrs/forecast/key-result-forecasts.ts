// Forecasts of stored key results, as the API serves them: read with the key result in one statement, recomputed
// only when stale (its version, its objective's, the champion or the day moved since: `forecast_basis`), all
// stale ones of a request in one batched network call, written back in one statement with each objective's
// weighted mean probability (status filters read both in SQL). A check-in refreshes its key result's forecast
// before the change is published, so `objectiveUpdated` carries the new one.
import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { Logger } from '../../../logger.js';
import { forecastFeatures, type ForecastHistory } from './forecast-features.js';
import type { ForecastModel } from './forecast-model.js';
import { explainForecast } from './forecast-explanation.js';
import { DAY_MS, endOfDay } from '../math/period.js';
import type { MetricType } from '../math/progress.js';
import { refreshObjectiveForecasts } from '../okr-transaction.js';

/** Check-ins a forecast reads (the latest): enough for any pace, bounded for key results checked in all day. */
const HISTORY = 200;

export interface KeyResultForecast {
  probability: number;
  expectedValue: number;
  low: number;
  high: number;
  modelVersion: string;
  explanation: string;
  computedAt: string;
}

interface Row {
  id: number;
  objectiveId: number;
  metricType: MetricType;
  startValue: number;
  targetValue: number;
  confidence: number | null;
  dueDate: Date;
  version: number;
  objectiveVersion: number;
  unit: string | null;
  forecast: KeyResultForecast | null;
  fresh: boolean;
  periodStart: Date;
  /** [epoch ms, value, confidence] ascending; null when the stored forecast is fresh (not read). */
  history: Array<[number, number, number | null]> | null;
}

// What a stored forecast was computed from: the key result's version and its objective's (a new period moves the
// time shares), the model version, the day.
const basisOf = (row: Row, label: string, now: Date) =>
  `${row.version}.${row.objectiveVersion}|${label}|${now.toISOString().slice(0, 10)}`;

export class KeyResultForecasts {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly model: ForecastModel,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** The forecasts of the key results (ids), fresh: null for all when no kr-forecast version serves yet. */
  async of(ids: readonly number[]): Promise<Map<number, KeyResultForecast>> {
    const forecaster = await this.model.current();
    const result = new Map<number, KeyResultForecast>();
    if (!forecaster || ids.length === 0) return result;
    const now = this.now();
    const suffix = `|${forecaster.label}|${now.toISOString().slice(0, 10)}`;
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT k.id, k.objective_id AS "objectiveId", k.metric_type::text AS "metricType", k.start_value AS "startValue",
             k.target_value AS "targetValue", k.confidence, k.due_date AS "dueDate", k.version, k.unit, k.forecast,
             o.period_start AS "periodStart", o.version AS "objectiveVersion",
             (k.forecast_basis = k.version || '.' || o.version || ${suffix}) AS fresh,
             CASE WHEN k.forecast_basis IS DISTINCT FROM k.version || '.' || o.version || ${suffix} THEN (
               SELECT coalesce(json_agg(json_build_array(h.at, h.value, h.confidence) ORDER BY h.at, h.id), '[]')
                 FROM (SELECT c.id, extract(epoch FROM c.created_at) * 1000 AS at, c.value, c.confidence
                         FROM check_ins c WHERE c.key_result_id = k.id
                        ORDER BY c.created_at DESC, c.id DESC LIMIT ${HISTORY}) h) END AS history
        FROM key_results k JOIN objectives o ON o.id = k.objective_id
       WHERE k.id = ANY(${[...new Set(ids)]}::int[])`;
    const stale: Row[] = [];
    for (const row of rows) {
      if (row.fresh && row.forecast) result.set(row.id, row.forecast);
      else stale.push(row);
    }
    if (stale.length === 0) return result;
    const features = stale.map((row) => forecastFeatures(historyOf(row, now)));
    const outputs = forecaster.predict(features);
    const computed = stale.map((row, i) => {
      const output = outputs[i]!;
      const span = row.targetValue - row.startValue;
      const boolean = row.metricType === 'BOOLEAN';
      const at = (p: number) => (boolean ? Math.min(1, Math.max(0, p)) : row.startValue + p * span);
      const [low, high] = [at(output.lowProgress), at(output.highProgress)].sort((a, b) => a - b) as [number, number];
      const values = { probability: output.probability, expectedValue: at(output.expectedProgress), low, high };
      const forecast: KeyResultForecast = {
        ...values,
        modelVersion: forecaster.label,
        explanation: explainForecast(row, features[i]!, values, at),
        computedAt: now.toISOString(),
      };
      result.set(row.id, forecast);
      return { row, forecast };
    });
    await this.store(computed, forecaster.label, now).catch((error: unknown) =>
      // Serving the forecast matters more than caching it: the next read computes it again.
      this.logger.warn({ err: error }, 'could not store key-result forecasts'),
    );
    return result;
  }

  /**
   * Recomputes and stores the forecasts of these key results now (after a check-in or a change to them: each bumps
   * the key result's version, which its stored basis names, so the stored forecast is stale by construction).
   */
  async refresh(ids: readonly number[]): Promise<void> {
    await this.of(ids);
  }

  private async store(computed: Array<{ row: Row; forecast: KeyResultForecast }>, label: string, now: Date) {
    const ids = computed.map((c) => c.row.id);
    const versions = computed.map((c) => c.row.version);
    const probabilities = computed.map((c) => c.forecast.probability);
    const forecasts = computed.map((c) => JSON.stringify(c.forecast));
    const bases = computed.map((c) => basisOf(c.row, label, now));
    // Only over the version it was computed from: a check-in that landed meanwhile keeps its own, newer forecast.
    await this.prisma.$executeRaw`
      UPDATE key_results k SET forecast = v.forecast::jsonb, forecast_probability = v.probability,
             forecast_basis = v.basis
        FROM unnest(${ids}::int[], ${versions}::int[], ${probabilities}::float8[], ${forecasts}::text[], ${bases}::text[])
             AS v(id, version, probability, forecast, basis)
       WHERE k.id = v.id AND k.version = v.version`;
    await refreshObjectiveForecasts(this.prisma, [...new Set(computed.map((c) => c.row.objectiveId))]);
  }
}

/** A stored key result's history in time shares of its own time: the period's start to the end of its due date. */
function historyOf(row: Row, now: Date): ForecastHistory {
  const start = row.periodStart.getTime();
  const end = Math.max(start + DAY_MS, endOfDay(row.dueDate).getTime());
  const share = (ms: number) => (ms - start) / (end - start);
  return {
    metricType: row.metricType,
    startValue: row.startValue,
    targetValue: row.targetValue,
    confidence: row.confidence,
    now: share(now.getTime()),
    checkIns: (row.history ?? [])
      .map(([at, value, confidence]) => ({ at: share(Number(at)), value, confidence }))
      .filter((c) => c.at <= share(now.getTime())),
  };
}
