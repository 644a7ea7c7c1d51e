import { describe, expect, it } from 'vitest';
import { compileFeatures, parseFeatures, tokenize } from '../../../src/modules/registry/features.js';
import { parseInputSchema } from '../../../src/modules/registry/input-schema.js';

const schema = parseInputSchema({
  type: 'object',
  properties: {
    text: { type: 'string' },
    stars: { type: 'integer' },
    language: { type: 'string' },
    fork: { type: 'boolean' },
  },
});

describe('Features: specs are checked against the input schema', () => {
  it.each([
    [[], 'features: expected a list of 1 to 256'],
    [[{ field: 'text', kind: 'vector' }], 'features[0]: kind must be one of'],
    [[{ field: 'nope', kind: 'number' }], 'features[0]: field must name a property'],
    [[{ field: 'text', kind: 'number' }], 'features[0]: a number feature cannot read a string field'],
    [[{ field: 'stars', kind: 'number', std: 0 }], 'std must be a positive number'],
    [[{ field: 'language', kind: 'category', values: ['Go', 'Go'] }], 'values must be 1 to 100000 distinct'],
    [[{ field: 'text', kind: 'text', vocabulary: [] }], 'vocabulary must be 1 to 100000 distinct'],
    [[{ field: 'text', kind: 'text', vocabulary: ['a'], encoding: 'sequence' }], 'a sequence encoding needs a length'],
    [[{ field: 'text', kind: 'text', vocabulary: ['a'], length: 3 }], 'length is only for the sequence encoding'],
  ])('refuses %j', (specs, message) => {
    expect(() => parseFeatures(specs, schema)).toThrow(message);
  });
});

describe('Features: rows become one row-major block of numbers', () => {
  it('tokenizes lower-cased runs of letters and digits, in any script', () => {
    expect(tokenize('GraphQL-API for Node.js 24, déjà vu')).toEqual([
      'graphql',
      'api',
      'for',
      'node',
      'js',
      '24',
      'déjà',
      'vu',
    ]);
  });

  it('encodes numbers (scaled), booleans, categories and multi-hot text; missing optional fields are zeros', () => {
    const encoder = compileFeatures(
      parseFeatures(
        [
          { field: 'stars', kind: 'number', log1p: true, mean: 1, std: 2 },
          { field: 'fork', kind: 'boolean' },
          { field: 'language', kind: 'category', values: ['Go', 'Rust'] },
          { field: 'text', kind: 'text', vocabulary: ['graphql', 'rust', 'wasm'] },
        ],
        schema,
      ),
    );
    expect(encoder.width).toBe(1 + 1 + 2 + 3);
    const block = encoder.encode([
      { stars: Math.E - 1, fork: true, language: 'Rust', text: 'Rust + WASM, rust again' },
      { stars: null, language: 'Java' },
    ]);
    expect(Array.from(block)).toEqual([0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('encodes text as word ids for sequence models: 0 pads, 1 is an unknown word, truncated to length', () => {
    const encoder = compileFeatures(
      parseFeatures([{ field: 'text', kind: 'text', vocabulary: ['a', 'b'], encoding: 'sequence', length: 4 }], schema),
    );
    expect(Array.from(encoder.encode([{ text: 'b zzz a' }, { text: 'a a a a a a' }]))).toEqual([
      3, 1, 2, 0, 2, 2, 2, 2,
    ]);
  });
});
