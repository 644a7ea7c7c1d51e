// The OKR services as the module hands them out: reads, writes, and the status rules (thresholds, clock).
import type { StatusThresholds } from './math/status.js';
import type { KeyResultWrites } from './key-result-writes.service.js';
import type { ObjectiveReads } from './objective-reads.service.js';
import type { ObjectiveWrites } from './objective-writes.service.js';
import type { OkrChanges } from './okr-changes.js';
import type { ForecastModel } from './forecast/forecast-model.js';
import type { KeyResultForecasts } from './forecast/key-result-forecasts.js';
import type { DemoSummary } from './demo/demo-objectives.js';

export interface OkrServices {
  reads: ObjectiveReads;
  objectives: ObjectiveWrites;
  keyResults: KeyResultWrites;
  /** Changes as events (subscriptions objectiveUpdated, okrActivity). */
  changes: OkrChanges;
  thresholds: StatusThresholds;
  /** kr-forecast's champion, loaded. */
  forecastModel: ForecastModel;
  /** Forecasts of stored key results (stored, recomputed when stale). */
  forecasts: KeyResultForecasts;
  /** Writes the demo objectives (okr_examples.jsonl, synthetic check-ins) into a database with none; null if not. */
  seedDemo(): Promise<DemoSummary | null>;
  /** What "now" is for status and score (a test may fix it). */
  now: () => Date;
}
