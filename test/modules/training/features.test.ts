import { describe, expect, it } from 'vitest';
import { compileFeatures } from '../../../src/modules/registry/index.js';
import { permutation, seededRandom } from '../../../src/lib/seeded-random.js';
import { SparseRows } from '../../../src/modules/training/sparse-rows.js';
import { buildVocabulary } from '../../../src/modules/training/vocabulary.js';

describe('Training features: vocabularies, sparse rows, seeded order', () => {
  it('keeps words in at least minCount texts, most frequent first, ties alphabetical, once per text', () => {
    const texts = ['Go go gopher', 'gopher rust', 'rust crate', 'a go tool', null, 'zig'];
    expect(buildVocabulary(texts, 10)).toEqual(['go', 'gopher', 'rust']);
    expect(buildVocabulary(texts, 2)).toEqual(['go', 'gopher']);
    expect(buildVocabulary(texts, 10, 1)).toEqual(['go', 'gopher', 'rust', 'a', 'crate', 'tool', 'zig']);
  });

  it('stores the encoder output sparsely and densifies any rows back exactly', async () => {
    const encoder = compileFeatures([
      { field: 'text', kind: 'text', vocabulary: ['go', 'rust', 'web'] },
      { field: 'stars', kind: 'number', mean: 1, std: 2 },
    ]);
    const rows = [
      { text: 'web in go', stars: 5 },
      { text: 'nothing known', stars: 1 },
      { text: 'rust', stars: null },
    ];
    const sparse = await SparseRows.encode(encoder, rows, () => undefined, 2);
    expect(sparse.length).toBe(3);
    const dense = encoder.encode(rows);
    expect(sparse.dense([0, 1, 2])).toEqual(dense);
    // A missing number encodes as its mean: 0 once standardised.
    expect(Array.from(sparse.dense([2, 0]))).toEqual([0, 1, 0, 0, 1, 0, 1, 2]);
  });

  it('draws the same permutation from the same seed, a different one from another', () => {
    const a = permutation(50, seededRandom(7));
    expect(permutation(50, seededRandom(7))).toEqual(a);
    expect(permutation(50, seededRandom(8))).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
