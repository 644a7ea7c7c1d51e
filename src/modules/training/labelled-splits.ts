// Labelled examples → the three parts training uses, with labels as indexes into the model's label list. An
// example whose label the model does not name takes the recipe's fallback ("other"), or is left out without one.
import type { InputRow } from '../registry/index.js';
import type { LabelledExample } from './recipe.js';
import { sampleKeys, splitPart, type SplitPart } from './split.js';

export interface LabelledPart {
  examples: LabelledExample[];
  inputs: InputRow[];
  labels: Int32Array;
}

export type LabelledSplits = Record<SplitPart, LabelledPart> & {
  /** Examples left out: their label is not the model's and there is no fallback. */
  dropped: number;
  /** Training examples per label index (the majority baseline's prior). */
  trainCounts: number[];
};

export function labelledSplits(
  examples: readonly LabelledExample[],
  options: { labels: readonly string[]; fallback: string | null; validationSplit: number; maxSamples: number | null },
): LabelledSplits {
  const index = new Map(options.labels.map((label, i) => [label, i]));
  const fallback = options.fallback === null ? undefined : index.get(options.fallback);
  const parts: Record<SplitPart, Array<{ example: LabelledExample; label: number }>> = {
    train: [],
    validation: [],
    test: [],
  };
  let dropped = 0;
  for (const example of examples) {
    const label = index.get(example.label) ?? fallback;
    if (label === undefined) {
      dropped += 1;
      continue;
    }
    parts[splitPart(example.key, options.validationSplit)].push({ example, label });
  }
  // maxSamples shrinks training only: the test set stays whole, so scores remain comparable across versions.
  const train = sampleKeys(parts.train, options.maxSamples, (item) => item.example.key);
  const toPart = (items: Array<{ example: LabelledExample; label: number }>): LabelledPart => ({
    examples: items.map((item) => item.example),
    inputs: items.map((item) => item.example.input),
    labels: Int32Array.from(items, (item) => item.label),
  });
  const trainCounts = options.labels.map(() => 0);
  for (const item of train) trainCounts[item.label]! += 1;
  return {
    train: toPart(train),
    validation: toPart(parts.validation),
    test: toPart(parts.test),
    dropped,
    trainCounts,
  };
}
