// How good probabilities and expected values are, on held-out key results. Pure: predictions in, numbers out.
//   auc          probability that a reached key result is ranked above a missed one (ties count half)
//   brier        mean (p − outcome)²: 0 is perfect, 0.25 is always saying 0.5
//   reliability  bins of predicted probability: mean prediction against the observed rate (calibration)
//   valueError   mean |expected − actual| final progress (in progress units: 0.1 = a tenth of start→target)
//   coverage     share of actual final progress inside [low, high] (the interval aims at 80%)

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export function auc(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Mann–Whitney U from average ranks (ties share their rank).
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (outcomes[order[k]!]) {
        rankSum += rank;
        positives++;
      }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(probabilities: ArrayLike<number>, outcomes: ArrayLike<boolean>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - (outcomes[i] ? 1 : 0)) ** 2;
  return sum / probabilities.length;
}

export function reliability(probabilities: ArrayLike<number>, outcomes: ArrayLike<boolean>, bins = 10) {
  const table: ReliabilityBin[] = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: 0,
    meanPredicted: 0,
    observedRate: 0,
  }));
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const bin = table[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))]!;
    bin.count++;
    bin.meanPredicted += p;
    bin.observedRate += outcomes[i] ? 1 : 0;
  }
  for (const bin of table)
    if (bin.count > 0) {
      bin.meanPredicted /= bin.count;
      bin.observedRate /= bin.count;
    }
  return table;
}

/** Mean |prediction − actual|. */
export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += Math.abs(predicted[i]! - actual[i]!);
  return sum / predicted.length;
}

export function coverage(low: ArrayLike<number>, high: ArrayLike<number>, actual: ArrayLike<number>): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= low[i]! && actual[i]! <= high[i]!) inside++;
  return inside / actual.length;
}

/**
 * Platt scaling: the logistic curve p = σ(a·x + b) that best turns one score into a probability (fitted by
 * Newton's method on the training examples). The linear-extrapolation baseline gets it, so it is compared at its
 * best calibration, not as a raw projection.
 */
export function plattScaling(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): (x: number) => number {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (let i = 0; i < scores.length; i++) {
      const x = scores[i]!;
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const r = p - (outcomes[i] ? 1 : 0);
      const w = p * (1 - p);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return (x) => 1 / (1 + Math.exp(-(a * x + b)));
}
