import { describe, expect, it } from 'vitest';
import { decodeOutputs, outputMismatch, parseOutputSchema } from '../../../src/modules/registry/output-schema.js';

describe('Output schema: how output numbers read, per task', () => {
  it('requires labels for classification, names for regression, nothing for embeddings', () => {
    expect(parseOutputSchema('classification', { labels: ['no', 'yes'] })).toEqual({ labels: ['no', 'yes'] });
    expect(parseOutputSchema('regression', { names: ['y'] })).toEqual({ names: ['y'] });
    expect(parseOutputSchema('embedding', {})).toEqual({});
    expect(() => parseOutputSchema('classification', { labels: ['only'] })).toThrow('at least 2');
    expect(() => parseOutputSchema('classification', { labels: ['a', 'a'] })).toThrow('distinct');
    expect(() => parseOutputSchema('regression', { labels: ['a', 'b'] })).toThrow('outputSchema.labels: not used');
    expect(() => parseOutputSchema('regression', [])).toThrow('expected an object');
  });

  it('checks a network output width against the schema', () => {
    expect(outputMismatch('classification', { labels: ['a', 'b'] }, 1)).toBeUndefined(); // sigmoid
    expect(outputMismatch('classification', { labels: ['a', 'b', 'c'] }, 3)).toBeUndefined();
    expect(outputMismatch('classification', { labels: ['a', 'b', 'c'] }, 2)).toContain('2 output units for 3 labels');
    expect(outputMismatch('regression', { names: ['y'] }, 2)).toContain('2 output units for 1 names');
  });

  it('decodes labels with scores (softmax and sigmoid), named values and vectors', () => {
    expect(decodeOutputs('classification', { labels: ['a', 'b', 'c'] }, [0.1, 0.7, 0.2], 1, 3)).toEqual([
      { label: 'b', score: 0.7, scores: { a: 0.1, b: 0.7, c: 0.2 } },
    ]);
    expect(decodeOutputs('classification', { labels: ['miss', 'hit'] }, [0.25, 0.75], 2, 1)).toEqual([
      { label: 'miss', score: 0.75, scores: { miss: 0.75, hit: 0.25 } },
      { label: 'hit', score: 0.75, scores: { miss: 0.25, hit: 0.75 } },
    ]);
    expect(decodeOutputs('regression', { names: ['lo', 'hi'] }, [1, 2, 3, 4], 2, 2)).toEqual([
      { lo: 1, hi: 2 },
      { lo: 3, hi: 4 },
    ]);
    expect(decodeOutputs('embedding', {}, [1, 2], 1, 2)).toEqual([{ embedding: [1, 2] }]);
  });
});
