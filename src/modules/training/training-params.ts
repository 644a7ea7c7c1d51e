// Training hyper-parameters: their ranges, defaults and the one validation the mutation, the CLI and a future
// worker share. A run stores the parsed, defaulted params, so re-running it from its stored params (a BullMQ worker
// by kind) trains exactly what was asked, and a version's `params` says how it was trained.
import { badInput } from '../../errors.js';

export interface TrainingParams {
  /** Most passes over the training set; early stopping may end sooner. */
  epochs: number;
  batchSize: number;
  /** Adam's step size. */
  learningRate: number;
  /** Share of the non-test examples held out to pick the epoch (early stopping). */
  validationSplit: number;
  /** Epochs without a better validation loss before training stops (0: stop at the first). */
  patience: number;
  /** Train on at most this many examples (a deterministic subset); null: all. */
  maxSamples: number | null;
  /** Seeds weight initialisation and the per-epoch shuffle: the same data and seed train the same weights. */
  seed: number;
  /** Units of the hidden ReLU layer; 0 for none (a linear softmax over the features). */
  hiddenUnits: number;
  /** Words kept per text field (the most frequent in the training examples). */
  vocabularySize: number;
  /** L2 penalty on the weights. */
  l2: number;
}

type Range = {
  min: number;
  max: number;
  integer: boolean;
  /** Whether the bound itself is allowed. */
  minOpen?: boolean;
  nullable?: boolean;
};

export const TRAINING_PARAM_RANGES: Record<keyof TrainingParams, Range> = {
  epochs: { min: 1, max: 200, integer: true },
  batchSize: { min: 1, max: 4096, integer: true },
  learningRate: { min: 0, max: 1, integer: false, minOpen: true },
  validationSplit: { min: 0.05, max: 0.5, integer: false },
  patience: { min: 0, max: 50, integer: true },
  maxSamples: { min: 10, max: 10_000_000, integer: true, nullable: true },
  seed: { min: 0, max: 2_147_483_647, integer: true },
  hiddenUnits: { min: 0, max: 1024, integer: true },
  vocabularySize: { min: 10, max: 50_000, integer: true },
  l2: { min: 0, max: 1, integer: false },
};

export const DEFAULT_TRAINING_PARAMS: Readonly<TrainingParams> = Object.freeze({
  epochs: 40,
  batchSize: 64,
  learningRate: 0.01,
  validationSplit: 0.15,
  patience: 4,
  maxSamples: null,
  seed: 42,
  hiddenUnits: 0,
  vocabularySize: 4000,
  l2: 0.00001,
});

const describeRange = ({ min, max, integer, minOpen }: Range) =>
  integer ? `a whole number from ${min} to ${max}` : `a number ${minOpen ? '>' : '≥'} ${min} and ≤ ${max}`;

/** One line per param for help texts: `epochs: a whole number from 1 to 200 (default 40)`. */
export function describeTrainingParams(): string[] {
  return (Object.keys(TRAINING_PARAM_RANGES) as Array<keyof TrainingParams>).map(
    (name) =>
      `${name}: ${describeRange(TRAINING_PARAM_RANGES[name])} (default ${DEFAULT_TRAINING_PARAMS[name] ?? 'all'})`,
  );
}

/**
 * Fills defaults and checks every range. Unknown names and wrong types are refused too: a typo must not train
 * with a default silently. Throws BAD_USER_INPUT naming the param and its range (details: argument, min, max).
 */
export function parseTrainingParams(input: unknown, argument = 'params'): TrainingParams {
  const given = (input ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given))
    throw badInput(`${argument}: expected an object of training params`, { argument });
  for (const name of Object.keys(given))
    if (!(name in TRAINING_PARAM_RANGES))
      throw badInput(
        `${argument}.${name} is not a training param; use ${Object.keys(TRAINING_PARAM_RANGES).join(', ')}`,
        {
          argument: `${argument}.${name}`,
        },
      );
  const params = { ...DEFAULT_TRAINING_PARAMS } as Record<keyof TrainingParams, number | null>;
  for (const name of Object.keys(TRAINING_PARAM_RANGES) as Array<keyof TrainingParams>) {
    const value = given[name];
    if (value === undefined || value === null) continue; // null means "the default", as GraphQL sends it
    const range = TRAINING_PARAM_RANGES[name];
    const fits =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!range.integer || Number.isInteger(value)) &&
      (range.minOpen ? value > range.min : value >= range.min) &&
      value <= range.max;
    if (!fits)
      throw badInput(`${argument}.${name} must be ${describeRange(range)}; got ${JSON.stringify(value)}`, {
        argument: `${argument}.${name}`,
        min: range.min,
        max: range.max,
      });
    params[name] = value;
  }
  return params as unknown as TrainingParams;
}
