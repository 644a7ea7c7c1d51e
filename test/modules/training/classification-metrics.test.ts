import { describe, expect, it } from 'vitest';
import { classificationMetrics, majorityBaseline } from '../../../src/modules/training/index.js';
import { macroF1 } from '../../../src/modules/training/classification-metrics.js';

describe('Classification metrics: accuracy, macro-F1, top-3 accuracy, log loss', () => {
  // 4 labels, 4 rows (scores are rows of probabilities)
  const scores = [
    [0.7, 0.1, 0.1, 0.1], // truth 0: right
    [0.1, 0.6, 0.2, 0.1], // truth 2: wrong, second best
    [0.4, 0.3, 0.2, 0.1], // truth 3: wrong, last (not in the top 3)
    [0.1, 0.1, 0.1, 0.7], // truth 3: right
  ].flat();
  const truth = [0, 2, 3, 3];

  it('scores rows by their best label, top 3 and the probability of the truth', () => {
    const metrics = classificationMetrics(scores, truth, 4);
    expect(metrics.accuracy).toBe(0.5);
    expect(metrics.top3Accuracy).toBe(0.75);
    expect(metrics.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.2) + Math.log(0.1) + Math.log(0.7)) / 4, 10);
    expect(metrics.examples).toBe(4);
  });

  it('averages F1 over the labels that occur in the truth or the predictions, as scikit-learn does', () => {
    // predicted [0, 1, 0, 3]; label 0: tp 1, predicted 2, true 1 → 2/3; label 1: 0; label 2: 0; label 3: tp 1,
    // predicted 1, true 2 → 2/3. Four labels occur: (2/3 + 0 + 0 + 2/3) / 4.
    expect(classificationMetrics(scores, truth, 4).macroF1).toBeCloseTo(1 / 3, 10);
    expect(macroF1([1, 1], [1, 1], 5)).toBe(1);
  });

  it('the majority baseline answers the most frequent training label and ranks labels by frequency', () => {
    const baseline = majorityBaseline([5, 1, 3, 0], [0, 2, 1, 3]);
    expect(baseline.accuracy).toBe(0.25);
    expect(baseline.top3Accuracy).toBe(0.75);
    // it predicts 0 for every row: label 0 has F1 2·1/(4+1); labels 1, 2, 3 occur in the truth with F1 0.
    expect(baseline.macroF1).toBeCloseTo(0.4 / 4, 10);
  });
});
