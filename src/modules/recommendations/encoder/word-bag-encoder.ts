// The trained text encoder at serving time: a bag of words over a learnt vocabulary, each word a learnt 384-d
// vector, a text the L2-normalised sum of its words' vectors. Exactly what the registered network computes (one
// Dense layer without bias over a multi-hot input: the registry's `text` feature with `multiHot` encoding, so
// `predict` on the model gives the same direction), done here as a sparse sum: a text has a few dozen words, the
// vocabulary thousands, so summing rows is far cheaper than a dense product.
import { tokenize } from '../../registry/index.js';
import {
  EMBEDDING_DIMENSIONS,
  normalise,
  type EmbeddingInput,
  type TextEmbedder,
} from '../embeddings/text-embedder.js';

/** The one string an input becomes: its text, then its topics and languages as words. */
export function encoderText(input: EmbeddingInput): string {
  return [input.text, ...(input.topics ?? []), ...(input.languages ?? [])].join(' ');
}

/** Vocabulary indices of the distinct words of `text` the vocabulary has (multi-hot: presence, not counts). */
export function wordIds(text: string, vocabulary: ReadonlyMap<string, number>): number[] {
  const ids = new Set<number>();
  for (const word of tokenize(text)) {
    const id = vocabulary.get(word);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

export class WordBagEncoder implements TextEmbedder {
  readonly dimensions = EMBEDDING_DIMENSIONS;
  private readonly index: ReadonlyMap<string, number>;

  /** `kernel`: the vocabulary's vectors, row-major ([vocabulary.length × 384]). */
  constructor(
    readonly version: string,
    readonly vocabulary: readonly string[],
    private readonly kernel: Float32Array,
  ) {
    if (kernel.length !== vocabulary.length * EMBEDDING_DIMENSIONS)
      throw new Error(
        `${version}: the kernel holds ${kernel.length} numbers, the vocabulary needs ` +
          `${vocabulary.length} × ${EMBEDDING_DIMENSIONS}`,
      );
    this.index = new Map(vocabulary.map((word, i) => [word, i]));
  }

  async embed(inputs: readonly EmbeddingInput[]): Promise<Array<Float32Array | null>> {
    return inputs.map((input) => this.embedIds(wordIds(encoderText(input), this.index)));
  }

  /** A text no vocabulary word of which it has gets no vector (as with the hashing encoder's empty text). */
  embedIds(ids: readonly number[]): Float32Array | null {
    if (ids.length === 0) return null;
    const vector = new Float32Array(EMBEDDING_DIMENSIONS);
    for (const id of ids) {
      const row = id * EMBEDDING_DIMENSIONS;
      for (let d = 0; d < EMBEDDING_DIMENSIONS; d++) vector[d]! += this.kernel[row + d]!;
    }
    return normalise(vector);
  }
}
