import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../../src/modules/recommendations/embeddings/hashing-embedder.js';
import { words } from '../../../src/modules/recommendations/embeddings/tokens.js';

const embedder = new HashingEmbedder();
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const embed = (text: string, topics: string[] = [], languages: string[] = []) =>
  embedder.embedOne({ text, topics, languages })!;

describe('the hashing encoder (training-free baseline)', () => {
  it('splits words on case, digits and punctuation, and drops filler words', () => {
    expect(words('nextJS: The React framework for web3Auth')).toEqual(
      ['next', 'js', 'react', 'framework', 'web', '3', 'auth'].filter((w) => w.length > 1),
    );
  });

  it('is deterministic, 384-d and unit length; nothing to encode is null, never a zero vector', () => {
    const a = embed('A fast key-value store', ['database'], ['Rust']);
    expect(a).toHaveLength(384);
    expect(embed('A fast key-value store', ['database'], ['Rust'])).toEqual(a);
    expect(Math.abs(cosine(a, a) - 1)).toBeLessThan(1e-5);
    expect(embedder.embedOne({ text: ' the and of ', topics: [], languages: [] })).toBeNull();
  });

  it('puts related repositories closer than unrelated ones', () => {
    const redisClient = embed(
      'mini-redis: an incomplete Redis client and server in Tokio',
      ['redis', 'tokio'],
      ['Rust'],
    );
    const redisServer = embed('A Redis server written in Rust, with clustering', ['redis', 'database'], ['Rust']);
    const uiKit = embed('Beautiful React components for dashboards', ['react', 'ui'], ['TypeScript']);
    expect(cosine(redisClient, redisServer)).toBeGreaterThan(cosine(redisClient, uiKit) + 0.2);
  });

  it('always gives unit vectors or null (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { maxLength: 5 }),
        (text, topics) => {
          const vector = embedder.embedOne({ text, topics, languages: [] });
          if (vector === null) return true;
          return Math.abs(cosine(vector, vector) - 1) < 1e-4 && vector.every(Number.isFinite);
        },
      ),
    );
  });
});
