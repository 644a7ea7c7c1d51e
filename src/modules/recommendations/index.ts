// The recommendations module. So far: text embeddings of repositories (the training-free hashing encoder, stored
// in pgvector with the encoder version and a content hash) as EMBED pipeline runs, and Repository.similar through
// the HNSW index with pgvector's iterative scan, hybrid search (keywords + embeddings, reciprocal rank fusion), and
// the offline evaluation of the recommender's signals and learned weights (npm run eval).
import { defineModule } from '../module.js';
import type { RunHandle } from '../pipeline/index.js';
import type { EmbedSummary } from './embeddings/repository-embeddings.js';
import { runEmbed } from './embeddings/embed-run.js';
import { HashingEmbedder } from './embeddings/hashing-embedder.js';
import type { TextEmbedder } from './embeddings/text-embedder.js';
import { createSimilarLoaders } from './similar/similar.loader.js';
import { SimilarRepositoriesResolver } from './similar/similar.relations.js';
import { SimilarService } from './similar/similar.service.js';
import { HybridSearchResolver } from './search/hybrid-search.resolver.js';
import { HybridSearchService } from './search/hybrid-search.service.js';

export { EMBEDDING_DIMENSIONS, type EmbeddingInput, type TextEmbedder } from './embeddings/text-embedder.js';
export { HashingEmbedder } from './embeddings/hashing-embedder.js';
export type { EmbedSummary };
export { evaluate, roundWeights, type EvaluationReport } from './quality/leave-one-out.js';
export { loadInteractionFiles } from './quality/load-files.js';

export interface RecommendationServices {
  embedder: TextEmbedder;
  similar: SimilarService;
  search: HybridSearchService;
  /** Executes an EMBED run (the handler; CLIs call it too). */
  embed: (run: RunHandle) => Promise<EmbedSummary>;
}

declare module '../module.js' {
  interface ModuleServices {
    recommendations: RecommendationServices;
  }
}

export const recommendationsModule = defineModule({
  name: 'recommendations',
  resolvers: [SimilarRepositoriesResolver, HybridSearchResolver],
  create: ({ db, cache }): RecommendationServices => {
    const embedder = new HashingEmbedder();
    return {
      embedder,
      similar: new SimilarService(db.sql),
      search: new HybridSearchService(db.sql, embedder),
      embed: (run) => runEmbed({ sql: db.sql, cache, embedder }, run),
    };
  },
  resolverInstances: ({ search }) => [new SimilarRepositoriesResolver(), new HybridSearchResolver(search)],
  loaders: ({ similar }) => createSimilarLoaders(similar),
  handlers: ({ embed }) => ({ EMBED: async (_params, run) => ({ ...(await embed(run)) }) }),
});
