// A text feature's vocabulary, learned from the training examples only (never validation or test: what the
// model is scored on must not shape its inputs). Words are ranked by how many examples contain them, ties broken
// alphabetically so the same examples always give the same vocabulary.
import { tokenize } from '../registry/index.js';

/** Words in at least `minCount` of `texts`, the `size` most common. Missing texts count as empty. */
export function buildVocabulary(texts: Iterable<string | null | undefined>, size: number, minCount = 2): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of new Set(tokenize(text))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, count]) => count >= minCount)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, size)
    .map(([word]) => word);
}
