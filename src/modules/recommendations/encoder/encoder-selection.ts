// Which encoder encodes what. A run (EMBED, RECOMMEND) embeds with the encoder in use: ENCODER_MODEL_DIR's model
// when one is configured, else the registry's `text-encoder` champion, else the hashing baseline. A query (search,
// profile recommendations, a user's own text) must land in the space of the vectors it is compared with, so it is
// encoded by the encoder the published run recorded: after `champion` moves, queries keep the old encoder until a
// RECOMMEND run has re-embedded everything with the new one and published.
import { HashingEmbedder } from '../embeddings/hashing-embedder.js';
import type { EmbeddingInput, TextEmbedder } from '../embeddings/text-embedder.js';
import { EMBEDDING_DIMENSIONS } from '../embeddings/text-embedder.js';
import { ENCODER_MODEL, type EncoderRegistry } from './encoder-registry.js';

export class EncoderSelection {
  private readonly hashing = new HashingEmbedder();

  constructor(
    /** ENCODER_MODEL_DIR's encoder: when set, the only one. */
    readonly fixed: TextEmbedder | null,
    private readonly registry: EncoderRegistry,
    /** The encoder label the published run recorded, as this process knows it (read with the run). */
    private readonly publishedEncoder: () => Promise<string | null>,
  ) {}

  /** The encoder a run embeds with now. */
  async forRun(): Promise<TextEmbedder> {
    if (this.fixed) return this.fixed;
    const label = await this.registry.championLabel();
    return label ? this.registry.load(label) : this.hashing;
  }

  /** The encoder of the published vectors (before any publish: the run's). */
  async forQueries(): Promise<TextEmbedder> {
    if (this.fixed) return this.fixed;
    const label = await this.publishedEncoder();
    if (label === this.hashing.version) return this.hashing;
    if (label?.startsWith(`${ENCODER_MODEL}@`)) return this.registry.load(label);
    return this.forRun(); // nothing published yet, or an ENCODER_MODEL_DIR model no longer configured
  }
}

/** A TextEmbedder for query texts, for services that take one: each call asks the selection. */
export class QueryEncoder implements Pick<TextEmbedder, 'dimensions' | 'embed'> {
  readonly dimensions = EMBEDDING_DIMENSIONS;

  constructor(private readonly selection: EncoderSelection) {}

  async embed(inputs: readonly EmbeddingInput[]): Promise<Array<Float32Array | null>> {
    return (await this.selection.forQueries()).embed(inputs);
  }
}
