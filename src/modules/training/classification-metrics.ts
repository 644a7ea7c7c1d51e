// Held-out metrics of a classifier, and of the trivial baseline it must beat. Pure: scores in, numbers out.
//   accuracy       share of rows whose top label is the truth
//   macroF1        F1 per label, averaged over labels that occur in the truth or the predictions (as
//                  scikit-learn's f1_score(average="macro") does), so rare labels count as much as common ones
//   top3Accuracy   share of rows whose truth is among the three best-scored labels
//   logLoss        mean −ln p(truth), probabilities clipped at 1e-7

export interface ClassificationMetrics {
  accuracy: number;
  macroF1: number;
  top3Accuracy: number;
  logLoss: number;
  /** Rows scored. */
  examples: number;
}

const EPSILON = 1e-7;

/** `scores`: row-major [rows × labels] probabilities; `truth`: the label index of each row. */
export function classificationMetrics(
  scores: ArrayLike<number>,
  truth: ArrayLike<number>,
  labels: number,
): ClassificationMetrics {
  const rows = truth.length;
  const predicted = new Int32Array(rows);
  let correct = 0;
  let top3 = 0;
  let logLoss = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * labels;
    const y = truth[r]!;
    const own = scores[base + y]!;
    let best = 0;
    let higher = 0; // labels scored above the truth: the truth is in the top 3 when fewer than 3 are
    for (let k = 0; k < labels; k++) {
      const score = scores[base + k]!;
      if (score > scores[base + best]!) best = k;
      if (score > own) higher += 1;
    }
    predicted[r] = best;
    if (best === y) correct += 1;
    if (higher < 3) top3 += 1;
    logLoss -= Math.log(Math.min(1, Math.max(EPSILON, own)));
  }
  return {
    accuracy: rows ? correct / rows : 0,
    macroF1: macroF1(predicted, truth, labels),
    top3Accuracy: rows ? top3 / rows : 0,
    logLoss: rows ? logLoss / rows : 0,
    examples: rows,
  };
}

export function macroF1(predicted: ArrayLike<number>, truth: ArrayLike<number>, labels: number): number {
  const tp = new Float64Array(labels);
  const predictedCount = new Float64Array(labels);
  const trueCount = new Float64Array(labels);
  for (let r = 0; r < truth.length; r++) {
    predictedCount[predicted[r]!]! += 1;
    trueCount[truth[r]!]! += 1;
    if (predicted[r] === truth[r]) tp[truth[r]!]! += 1;
  }
  let sum = 0;
  let present = 0;
  for (let k = 0; k < labels; k++) {
    if (predictedCount[k] === 0 && trueCount[k] === 0) continue;
    present += 1;
    // F1 = 2·tp / (predicted + true): 0 for a label never predicted right.
    sum += (2 * tp[k]!) / (predictedCount[k]! + trueCount[k]!);
  }
  return present ? sum / present : 0;
}

/**
 * The majority-class baseline: always answer the most frequent training label, with scores that rank labels by
 * training frequency (so its top-3 are the three most frequent). Scored on the same rows as the model.
 */
export function majorityBaseline(trainCounts: ArrayLike<number>, truth: ArrayLike<number>): ClassificationMetrics {
  const labels = trainCounts.length;
  const total = Array.from(trainCounts).reduce((a, b) => a + b, 0) || 1;
  const prior = Array.from(trainCounts, (count) => count / total);
  const scores = new Float64Array(truth.length * labels);
  for (let r = 0; r < truth.length; r++) scores.set(prior, r * labels);
  return classificationMetrics(scores, truth, labels);
}
