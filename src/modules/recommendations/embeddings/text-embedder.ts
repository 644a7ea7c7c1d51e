// One interface for every text encoder: the training-free hashing baseline (hashing-embedder.ts) and, later, the
// TensorFlow.js encoder trained through the registry. A vector is 384 numbers, L2-normalised, so cosine distance
// in pgvector (`<=>`) ranks like the dot product; a document with nothing to encode gets no vector (null), never a
// zero vector (cosine is undefined for it).
export const EMBEDDING_DIMENSIONS = 384;

/** What a repository or a user is, as text: free text plus the structured parts encoders weigh on their own. */
export interface EmbeddingInput {
  text: string;
  topics?: readonly string[];
  languages?: readonly string[];
}

export interface TextEmbedder {
  /** Stored with every vector: a new version re-embeds everything (e.g. "hashing-v1", "encoder@3"). */
  readonly version: string;
  readonly dimensions: number;
  embed(inputs: readonly EmbeddingInput[]): Promise<Array<Float32Array | null>>;
}

/** Scales `vector` to unit length in place; null when it is all zeros. */
export function normalise(vector: Float32Array): Float32Array | null {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return null;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  return vector;
}

/** pgvector's text form: "[0.1,0.2,…]" (enough digits for float4). */
export function toVectorLiteral(vector: Float32Array): string {
  let out = '[';
  for (let i = 0; i < vector.length; i++) out += (i === 0 ? '' : ',') + vector[i]!.toPrecision(7);
  return `${out}]`;
}

/** A vector as a compact cache value (base64 of its float32 bytes: ~2.7 kB instead of ~8 kB of JSON numbers). */
export function packVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

export function unpackVector(packed: string): Float32Array {
  const bytes = Buffer.from(packed, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
