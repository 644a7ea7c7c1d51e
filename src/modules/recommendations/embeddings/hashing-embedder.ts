// The training-free baseline encoder: feature hashing. Words, character trigrams of each word (so "postgres" and
// "postgresql" share most features), topics and languages are hashed into 384 signed buckets (the sign from a
// second hash bit keeps collisions from only adding up), weighted sublinearly (1 + ln count), then L2-normalised.
// Deterministic, instant, no training: the floor every learned encoder must beat.
import { EMBEDDING_DIMENSIONS, normalise, type EmbeddingInput, type TextEmbedder } from './text-embedder.js';
import { words } from './tokens.js';

const WORD_WEIGHT = 1;
const TRIGRAM_WEIGHT = 0.35;
const TOPIC_WEIGHT = 2;
const LANGUAGE_WEIGHT = 1.5;

/** FNV-1a, 32 bits. */
function hash(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

export class HashingEmbedder implements TextEmbedder {
  readonly version = 'hashing-v1';
  readonly dimensions = EMBEDDING_DIMENSIONS;

  async embed(inputs: readonly EmbeddingInput[]): Promise<Array<Float32Array | null>> {
    return inputs.map((input) => this.embedOne(input));
  }

  embedOne(input: EmbeddingInput): Float32Array | null {
    // Per feature: its kind's weight and how often it occurs.
    const counts = new Map<string, { weight: number; count: number }>();
    const add = (feature: string, weight: number) => {
      const seen = counts.get(feature);
      if (seen) seen.count += 1;
      else counts.set(feature, { weight, count: 1 });
    };
    for (const word of words(input.text)) {
      add(`w:${word}`, WORD_WEIGHT);
      for (const gram of trigrams(word)) add(`c:${gram}`, TRIGRAM_WEIGHT);
    }
    for (const topic of input.topics ?? []) {
      add(`t:${topic.toLowerCase()}`, TOPIC_WEIGHT);
      for (const word of words(topic)) add(`w:${word}`, WORD_WEIGHT);
    }
    for (const language of input.languages ?? []) add(`l:${language.toLowerCase()}`, LANGUAGE_WEIGHT);
    const vector = new Float32Array(this.dimensions);
    for (const [feature, { weight, count }] of counts) {
      const h = hash(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      // Sublinear in the count: a word said five times is not five times the evidence.
      vector[h % this.dimensions]! += sign * weight * (1 + Math.log(count));
    }
    return normalise(vector);
  }
}
