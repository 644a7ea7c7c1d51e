// A repository as its encoders read it, and the hash of exactly that: when neither the hash nor the encoder
// version changed, the stored vector is still right and the row is skipped.
import { createHash } from 'node:crypto';
import type { EmbeddingInput } from './text-embedder.js';

export interface RepositoryText {
  name: string;
  description: string | null;
  topics: readonly string[];
  language: string | null;
}

export function repositoryDocument(repository: RepositoryText): EmbeddingInput {
  return {
    // The name twice: it is the shortest, densest description a repository has.
    text: `${repository.name} ${repository.name} ${repository.description ?? ''}`,
    topics: repository.topics,
    languages: repository.language ? [repository.language] : [],
  };
}

export function contentHash(input: EmbeddingInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.text, input.topics ?? [], input.languages ?? []]))
    .digest('base64url')
    .slice(0, 22);
}
