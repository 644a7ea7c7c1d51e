// Small vector arithmetic over unit embeddings (384 floats), in plain loops: per user the pipeline needs a
// few hundred dot products, too few for a tensor call to pay its overhead.

export function dot(a: Float32Array, b: Float32Array): number {
  // Four independent sums: the CPU overlaps them instead of waiting on one chain of additions (~2× faster here).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length - (a.length % 4);
  let d = 0;
  for (; d < n; d += 4) {
    s0 += a[d]! * b[d]!;
    s1 += a[d + 1]! * b[d + 1]!;
    s2 += a[d + 2]! * b[d + 2]!;
    s3 += a[d + 3]! * b[d + 3]!;
  }
  for (; d < a.length; d++) s0 += a[d]! * b[d]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * A user's vector: the mean of their repositories' vectors, plus their own text's vector (bio, company) with
 * `ownWeight`, normalised; null when there is nothing to average.
 */
export function userVector(
  repositoryVectors: ReadonlyArray<Float32Array | null | undefined>,
  own: Float32Array | null,
  ownWeight = 0.25,
): Float32Array | null {
  let sum: Float32Array | null = null;
  let count = 0;
  for (const vector of repositoryVectors) {
    if (!vector) continue;
    sum ??= new Float32Array(vector.length);
    for (let d = 0; d < vector.length; d++) sum[d]! += vector[d]!;
    count += 1;
  }
  if (sum && count > 0) for (let d = 0; d < sum.length; d++) sum[d]! /= count;
  if (own) {
    const weight = sum ? ownWeight : 1;
    sum ??= new Float32Array(own.length);
    for (let d = 0; d < own.length; d++) sum[d]! += weight * own[d]!;
  }
  if (!sum) return null;
  let norm = 0;
  for (const value of sum) norm += value * value;
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < sum.length; d++) sum[d]! *= scale;
  return sum;
}
