// A training recipe: what one trainable model learns from and how its inputs are featurised. The training flow
// (split, fit with early stopping, evaluation against a baseline, registration, promotion) is shared; a recipe
// supplies the data, the label set of a new definition and the feature specs. Recipes are plain objects, looked
// up by model name, so a worker process can run a TRAIN run from its stored params alone.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { FeatureSpec, InputRow, InputSchema } from '../registry/index.js';
import type { ClassificationMetrics } from './classification-metrics.js';
import type { TrainingParams } from './training-params.js';

/** One labelled example: the row `predict` would take, its true label, and a stable key that decides its split. */
export interface LabelledExample {
  key: string;
  input: InputRow;
  label: string;
}

export interface LoadOptions {
  signal: AbortSignal;
  /** How many examples will be read, once known. */
  onTotal(total: number): void;
  /** Examples read so far grew by `count`. */
  onRead(count: number): void;
}

export interface ClassifierRecipe {
  /** The model it trains (created from `definition` on first training when it does not exist). */
  readonly model: string;
  readonly definition: { description: string; inputSchema: InputSchema };
  /** Compared for promotion: a new version replaces the champion only when this is higher. */
  readonly primaryMetric: Exclude<keyof ClassificationMetrics, 'logLoss' | 'examples'>;
  /** Where the examples come from, for the version's `dataset`. */
  readonly source: string;
  load(prisma: PrismaClient, options: LoadOptions): Promise<LabelledExample[]>;
  /** The output labels of a new definition, from every example's label. */
  labels(examples: readonly LabelledExample[]): string[];
  /** The label an example gets when its own is not one of the model's (e.g. "other"); null drops it. */
  readonly fallbackLabel: string | null;
  /** Feature preprocessing learnt from the training examples only (vocabularies), stored with the version. */
  features(train: readonly LabelledExample[], params: TrainingParams): FeatureSpec[];
}
