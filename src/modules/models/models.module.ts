// Builds the models module from its infrastructure: the services, the cache of loaded versions, the serving
// counters, the registry events, and the resolvers the schema needs. The composition root calls this once, then
// `followRegistry()` so this process applies the loads and unloads other processes publish and forgets the routes
// their registry changes made stale.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { MlRuntime } from '../../infra/ml/index.js';
import type { AppPubSub } from '../../infra/pubsub/index.js';
import type { Logger } from '../../logger.js';
import type { LoadedVersion } from './loaded-version.js';
import { ModelAliasRelationsResolver } from './model-alias.type.js';
import { ModelAliasService } from './model-aliases.service.js';
import { ModelCache } from './model-cache.js';
import { ModelEventsResolver } from './model-events.resolver.js';
import { ModelRelationsResolver } from './model-relations.resolver.js';
import { ModelVersionRelationsResolver } from './model-version.type.js';
import { ModelVersionService } from './model-versions.service.js';
import { ModelResolver } from './models.resolver.js';
import { ModelService } from './models.service.js';
import { PredictionService } from './predictions.service.js';
import { RegistryEvents, type RegistryEvent, type RegistryFollower } from './registry-events.js';
import { applyRegistryEvent } from './registry-follower.js';
import { RouteCache } from './route-cache.js';
import { ignorePredictions, type PredictionObserver } from './serving-metrics.js';
import { ServingStats } from './serving-stats.js';
import { ServingResolver } from './serving.resolver.js';
import { ServingService, releaseLoadedVersion } from './serving.service.js';
import { PredictionRelationsResolver } from './prediction.type.js';
import { PredictionResultRelationsResolver } from './serving.type.js';

/** Every resolver class of the module, for the schema (build-schema.ts). */
export const modelResolverClasses = [
  ModelResolver,
  ModelRelationsResolver,
  ModelVersionRelationsResolver,
  ModelAliasRelationsResolver,
  ServingResolver,
  ModelEventsResolver,
  PredictionRelationsResolver,
  PredictionResultRelationsResolver,
];

export interface ModelsModuleOptions {
  prisma: PrismaClient;
  runtime: MlRuntime;
  /** Carries registry events between processes (Redis in the services deployment). */
  pubsub: AppPubSub;
  logger: Logger;
  /** Told about every served or failed predict (Prometheus, from compose()); none: nothing is reported. */
  observer?: PredictionObserver;
  config: {
    MODEL_CACHE_MAX_MODELS: number;
    MODEL_CACHE_MAX_BYTES: number;
    MODEL_ROUTE_TTL_MS: number;
    PREDICTION_LOG_SAMPLE_RATE: number;
  };
}

export interface ModelsModule {
  models: ModelService;
  versions: ModelVersionService;
  aliases: ModelAliasService;
  predictions: PredictionService;
  serving: ServingService;
  stats: ServingStats;
  cache: ModelCache<LoadedVersion>;
  /** Routes predict reads without SQL: forgotten on registry events, expired after MODEL_ROUTE_TTL_MS. */
  routes: RouteCache;
  events: RegistryEvents;
  /** Registry events from now on, of one model (NOT_FOUND when there is none by that name) or all. */
  watchEvents(model: string | null): Promise<AsyncIterableIterator<RegistryEvent>>;
  /** Starts applying other processes' load/unload requests here; resolves once subscribed. */
  followRegistry(): Promise<void>;
  /** Resolver instances with their services (the relation resolvers without services are built on demand). */
  resolvers: object[];
  /** Stops following registry events, unloads every model and writes the buffered prediction log. */
  close(): Promise<void>;
}

export function createModelsModule({
  prisma,
  runtime,
  pubsub,
  logger,
  observer = ignorePredictions,
  config,
}: ModelsModuleOptions): ModelsModule {
  const log = logger.child({ module: 'models' });
  const routes = new RouteCache(config.MODEL_ROUTE_TTL_MS);
  // Every change this process publishes also drops its own cached routes first (read-your-writes).
  const events = new RegistryEvents(pubsub, log, routes);
  const models = new ModelService(prisma);
  const versions = new ModelVersionService(prisma, models, runtime, events);
  const aliases = new ModelAliasService(prisma, events);
  const predictions = new PredictionService(prisma, { sampleRate: config.PREDICTION_LOG_SAMPLE_RATE, logger: log });
  const stats = new ServingStats();
  const cache = new ModelCache<LoadedVersion>(
    { maxModels: config.MODEL_CACHE_MAX_MODELS, maxBytes: config.MODEL_CACHE_MAX_BYTES },
    releaseLoadedVersion,
  );
  const serving = new ServingService({
    runtime,
    models,
    versions,
    aliases,
    predictions,
    cache,
    stats,
    observer,
    routes,
    events,
    logger: log,
  });
  let follower: RegistryFollower | null = null;
  return {
    models,
    versions,
    aliases,
    predictions,
    serving,
    stats,
    cache,
    routes,
    events,
    async watchEvents(model) {
      return events.stream(model === null ? null : (await models.getByName(model, 'model')).name);
    },
    async followRegistry() {
      follower ??= await events.follow(applyRegistryEvent(serving, log));
    },
    resolvers: [
      new ModelResolver(models, versions, aliases),
      new ModelRelationsResolver({ versions, aliases, predictions, stats, cache }),
      new ServingResolver(serving, cache),
    ],
    async close() {
      await follower?.stop();
      await serving.close();
    },
  };
}
