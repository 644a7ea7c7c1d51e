// Builds the models module from its infrastructure: the services, the cache of loaded versions, the serving
// counters, and the resolvers the schema needs. The composition root calls this once.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { MlRuntime } from '../../infra/ml/index.js';
import type { Logger } from '../../logger.js';
import type { LoadedVersion } from './loaded-version.js';
import { ModelAliasRelationsResolver } from './model-alias.type.js';
import { ModelAliasService } from './model-aliases.service.js';
import { ModelCache } from './model-cache.js';
import { ModelRelationsResolver } from './model-relations.resolver.js';
import { ModelVersionRelationsResolver } from './model-version.type.js';
import { ModelVersionService } from './model-versions.service.js';
import { ModelResolver } from './models.resolver.js';
import { ModelService } from './models.service.js';
import { PredictionService } from './predictions.service.js';
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
  PredictionRelationsResolver,
  PredictionResultRelationsResolver,
];

export interface ModelsModuleOptions {
  prisma: PrismaClient;
  runtime: MlRuntime;
  logger: Logger;
  config: {
    MODEL_CACHE_MAX_MODELS: number;
    MODEL_CACHE_MAX_BYTES: number;
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
  /** Resolver instances with their services (the relation resolvers without services are built on demand). */
  resolvers: object[];
  /** Unloads every model and writes the buffered prediction log. */
  close(): Promise<void>;
}

export function createModelsModule({ prisma, runtime, logger, config }: ModelsModuleOptions): ModelsModule {
  const log = logger.child({ module: 'models' });
  const models = new ModelService(prisma);
  const versions = new ModelVersionService(prisma, models, runtime);
  const aliases = new ModelAliasService(prisma);
  const predictions = new PredictionService(prisma, { sampleRate: config.PREDICTION_LOG_SAMPLE_RATE, logger: log });
  const stats = new ServingStats();
  const cache = new ModelCache<LoadedVersion>(
    { maxModels: config.MODEL_CACHE_MAX_MODELS, maxBytes: config.MODEL_CACHE_MAX_BYTES },
    releaseLoadedVersion,
  );
  const serving = new ServingService({ runtime, models, versions, aliases, predictions, cache, stats, logger: log });
  return {
    models,
    versions,
    aliases,
    predictions,
    serving,
    stats,
    cache,
    resolvers: [
      new ModelResolver(models, versions, aliases),
      new ModelRelationsResolver({ versions, aliases, predictions, stats, cache }),
      new ServingResolver(serving, cache),
    ],
    close: () => serving.close(),
  };
}
