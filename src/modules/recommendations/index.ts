// The recommendations module: text embeddings of repositories and users (the training-free hashing encoder,
// stored in pgvector with the encoder version and a content hash), RECOMMEND runs that score every user with a
// contribution in batches any number of workers share and publish the lists at once, User.recommendations with
// reasons, Repository.similar through the HNSW index with pgvector's iterative scan, hybrid search (keywords +
// embeddings, reciprocal rank fusion), and the offline evaluation of the signals and learned weights (npm run eval).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { GuardedCache } from '../../infra/cache/index.js';
import { cacheMetrics } from '../../server/metrics/cache-metrics.js';
import { defineModule } from '../module.js';
import type { RunHandle } from '../pipeline/index.js';
import type { EmbedSummary } from './embeddings/repository-embeddings.js';
import { runEmbed } from './embeddings/embed-run.js';
import { TfjsEncoder } from './embeddings/tfjs-encoder.js';
import { EncoderRegistry } from './encoder/encoder-registry.js';
import { EncoderSelection, QueryEncoder } from './encoder/encoder-selection.js';
import { ListStore } from './lists/list-store.js';
import { RecommendRuns } from './lists/recommend-runs.js';
import { ScoringBatches } from './lists/scoring-batches.js';
import { RecommendationPublicationResolver, RecommendationUpdatesResolver } from './read/publication.resolver.js';
import { AnswerCache } from './read/answer-cache.js';
import { PublishedRun } from './read/published-run.js';
import { RecommendationPages } from './read/recommendation-pages.js';
import { RecommendationReader } from './read/recommendation-reader.js';
import { recommendationUpdates } from './read/recommendation-updates.js';
import { createRecommendationLoaders } from './read/recommendations.loader.js';
import { UserRecommendationsResolver } from './read/recommendations.relations.js';
import { ProfileRecommender } from './profile/profile-recommender.js';
import { ProfileRecommendationsResolver } from './profile/profile.resolver.js';
import { ProfileService } from './profile/profile.service.js';
import { RankerRegistry } from './ranker/ranker-registry.js';
import { createSimilarLoaders } from './similar/similar.loader.js';
import { SimilarRepositoriesResolver } from './similar/similar.relations.js';
import { SimilarService } from './similar/similar.service.js';
import { HybridSearchResolver } from './search/hybrid-search.resolver.js';
import { HybridSearchService } from './search/hybrid-search.service.js';

export { EMBEDDING_DIMENSIONS, type EmbeddingInput, type TextEmbedder } from './embeddings/text-embedder.js';
export { HashingEmbedder } from './embeddings/hashing-embedder.js';
export { EncoderLoadError, TfjsEncoder } from './embeddings/tfjs-encoder.js';
export type { EmbedSummary };
export type { RecommendSummary } from './lists/recommend-run.js';
export { RANKER_MODEL } from './ranker/ranker-registry.js';
export { ENCODER_MODEL } from './encoder/encoder-registry.js';
export { evaluate, roundWeights, type EvaluationReport } from './quality/leave-one-out.js';
export { loadInteractionFiles, loadTopicTexts } from './quality/load-files.js';
export { topicRetrieval, type TopicRetrievalReport } from './quality/topic-retrieval.js';
export { EVALUATED_TOPICS, trainEvaluationEncoder } from './quality/evaluation-encoder.js';

export interface RecommendationServices {
  /** The encoder runs embed with and the one queries are encoded with (encoder/encoder-selection.ts). */
  encoders: EncoderSelection;
  similar: SimilarService;
  search: HybridSearchService;
  /** Executes an EMBED run (the handler; CLIs call it too). */
  embed: (run: RunHandle) => Promise<EmbedSummary>;
  /** RECOMMEND runs: started by the API, the first start and `npm run recommend`; their handlers. */
  runs: RecommendRuns;
  reader: RecommendationReader;
  pages: RecommendationPages;
  profiles: ProfileService;
  profileRecommender: ProfileRecommender;
  /** The published run as this process knows it (what cached answers are keyed by). */
  published: PublishedRun;
  /** Hits, misses and failures of the answer cache, by area. */
  answerCache: GuardedCache;
  /** Follows publish events from every process (started with the application), until `stopFollowing`. */
  startFollowing(): void;
  stopFollowing(): Promise<void>;
  /** Updates of one user's recommendations (NOT_FOUND when no user has that login). */
  updates(login: string): Promise<AsyncIterable<unknown>>;
}

declare module '../module.js' {
  interface ModuleServices {
    recommendations: RecommendationServices;
  }
}

declare module '../../graphql/context.js' {
  interface Streams {
    recommendationsUpdated(login: string): Promise<AsyncIterable<unknown>>;
  }
}

export const recommendationsModule = defineModule({
  name: 'recommendations',
  resolvers: [
    SimilarRepositoriesResolver,
    HybridSearchResolver,
    UserRecommendationsResolver,
    RecommendationPublicationResolver,
    RecommendationUpdatesResolver,
    ProfileRecommendationsResolver,
  ],
  create: async ({ db, cache, pubsub, ml, config, role, logger }, modules): Promise<RecommendationServices> => {
    const fixedEncoder = config.ENCODER_MODEL_DIR
      ? await TfjsEncoder.fromDirectory(ml.tf, config.ENCODER_MODEL_DIR)
      : null;
    const store = new ListStore(db.sql);
    const published = new PublishedRun(async () => {
      const publication = await store.publication();
      return publication && { runId: publication.runId, encoder: publication.encoder };
    });
    const encoderRegistry = new EncoderRegistry(modules.get('registry'), ml);
    const encoders = new EncoderSelection(fixedEncoder, encoderRegistry, () => published.encoder());
    const queryEncoder = new QueryEncoder(encoders);
    const answerCache = new GuardedCache(cache, {
      onError: (error) => logger.warn({ err: error }, 'answer cache unavailable: answering uncached until it is back'),
    });
    const answers =
      config.ANSWER_CACHE_TTL_SECONDS > 0
        ? new AnswerCache(answerCache, published, config.ANSWER_CACHE_TTL_SECONDS)
        : undefined;
    let unfollow: () => Promise<void> = async () => undefined;
    const profileRecommender = new ProfileRecommender(db.sql, queryEncoder, store);
    const profiles = new ProfileService(profileRecommender, answers ?? null);
    const { pipeline, health } = modules.get('pipeline');
    const { users } = modules.get('users');
    const runs = new RecommendRuns({
      pipeline,
      health: async () => (await health.get()).value,
      isWorker: role === 'worker',
      deps: {
        sql: db.sql,
        cache,
        pubsub,
        ml,
        encoders,
        encoderRegistry,
        encoderTrainingSteps: config.ENCODER_TRAINING_STEPS,
        rankers: new RankerRegistry(modules.get('registry'), ml),
        store,
        batches: new ScoringBatches(db.sql),
        // Unique per composed app: batches are claimed by name, and one process may hold several apps (tests).
        worker: `${role}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        batchSize: config.RECOMMEND_BATCH_USERS,
        staleAfterMs: config.RECOMMEND_BATCH_STALE_MS,
        onPublished: (state) => published.publishedHere(state),
      },
    });
    return {
      encoders,
      similar: new SimilarService(db.sql, answers),
      search: new HybridSearchService(db.sql, queryEncoder, answers),
      embed: async (run) => runEmbed({ sql: db.sql, cache, embedder: await encoders.forRun() }, run),
      runs,
      reader: new RecommendationReader(db.sql, store),
      pages: new RecommendationPages(published, answers ?? null),
      profileRecommender,
      profiles,
      published,
      answerCache,
      startFollowing() {
        unfollow = published.follow(pubsub);
      },
      stopFollowing: () => unfollow(),
      async updates(login) {
        const user = await users.getByLogin(login);
        return recommendationUpdates({ sql: db.sql, pubsub }, { id: user.id, login: user.login });
      },
    };
  },
  resolverInstances: ({ search, runs, reader, pages, profiles }) => [
    new SimilarRepositoriesResolver(),
    new HybridSearchResolver(search),
    new UserRecommendationsResolver(pages),
    new RecommendationPublicationResolver(runs, reader),
    new RecommendationUpdatesResolver(),
    new ProfileRecommendationsResolver(profiles),
  ],
  loaders: ({ similar, reader, profileRecommender }) => ({
    ...createSimilarLoaders(similar),
    ...createRecommendationLoaders(reader, profileRecommender),
  }),
  start: async (services) => services.startFollowing(),
  close: async (services) => {
    await services.stopFollowing();
    if (services.encoders.fixed instanceof TfjsEncoder) services.encoders.fixed.dispose();
  },
  metrics: ({ answerCache }) => [cacheMetrics(() => answerCache.snapshot())],
  streams: (services) => ({ recommendationsUpdated: (login) => services.updates(login) }),
  handlers: ({ embed, runs }) => ({
    EMBED: async (_params, run) => ({ ...(await embed(run)) }),
    RECOMMEND: async (params, run) => ({ ...(await runs.run(params, run)) }),
    SCORE: async (params, run) => ({ ...(await runs.score(params, run)) }),
  }),
});
