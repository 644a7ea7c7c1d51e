// What a TRAIN run records: its result (run.result), and the dataset summary stored with the version.
import type { ModelRecord } from '../registry/index.js';
import type { LabelledSplits } from './labelled-splits.js';
import type { PromotionOutcome } from './promotion.js';
import type { ClassifierRecipe } from './recipe.js';
import { TEST_SHARE } from './split.js';

export interface TrainingResult {
  [key: string]: unknown;
  model: string;
  version: number;
  /** Held-out metrics of the version, with the majority baseline's on the same rows. */
  metrics: Record<string, unknown>;
  primaryMetric: string;
  /** null when promotion was not asked for. */
  promotion: PromotionOutcome | null;
  /** Every epoch: loss, accuracy, valLoss, valAccuracy, samplesPerSecond. */
  history: Array<Record<string, number>>;
  stoppedEarly: boolean;
  samplesPerSecond: number;
  dataset: Record<string, unknown>;
  durationMs: number;
}

/** The output labels of a classification model's definition. */
export function modelLabels(model: ModelRecord): string[] {
  return (model.outputSchema as { labels: string[] }).labels;
}

/** Numbers rounded for JSON (6 significant decimals is finer than any metric here means); non-finite → dropped. */
export function roundMetrics(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => Number.isFinite(value))
      .map(([name, value]) => [name, Number(value.toFixed(6))]),
  );
}

export function datasetSummary(
  recipe: ClassifierRecipe,
  splits: LabelledSplits,
  labels: readonly string[],
): Record<string, unknown> {
  return {
    source: recipe.source,
    split: `sha256("split:" + lower(key)) → first ${TEST_SHARE * 100}% test; validationSplit of the rest validates`,
    examples: {
      train: splits.train.labels.length,
      validation: splits.validation.labels.length,
      test: splits.test.labels.length,
      dropped: splits.dropped,
    },
    trainLabelCounts: Object.fromEntries(labels.map((label, i) => [label, splits.trainCounts[i] ?? 0])),
  };
}
