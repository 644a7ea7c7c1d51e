// Full-ranking metrics for one held-out repository: its rank among every repository the user has not contributed
// to (ties count half against it), recall@k and NDCG@k; and the top k, for catalog coverage.

/** 1-based rank of `target` among the scored repositories outside `excluded`. */
export function rankOf(target: number, scores: Float32Array, excluded: ReadonlySet<number>): number {
  const score = scores[target]!;
  let greater = 0;
  let equal = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === target || excluded.has(j)) continue;
    const value = scores[j]!;
    if (value > score) greater += 1;
    else if (value === score) equal += 1;
  }
  return 1 + greater + Math.floor(equal / 2);
}

export const recallAt = (rank: number, k: number): number => (rank <= k ? 1 : 0);
export const ndcgAt = (rank: number, k: number): number => (rank <= k ? 1 / Math.log2(rank + 1) : 0);

/** The k best repositories outside `excluded`, best first (ties by index). */
export function topK(scores: Float32Array, excluded: ReadonlySet<number>, k: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (excluded.has(j)) continue;
    const value = scores[j]!;
    if (best.length === k && value <= scores[best[k - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && scores[best[at - 1]!]! < value) at -= 1;
    best.splice(at, 0, j);
    if (best.length > k) best.pop();
  }
  return best;
}
