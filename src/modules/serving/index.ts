// The serving module: `predict` routed to a version (explicit, alias, traffic split or champion), the per-process
// cache of loaded versions, the route cache, explicit load / unload applied cluster-wide, per-version serving
// counters and their Prometheus series. Every process (API and worker) follows the registry's events.
import { ModelServingMetrics } from '../../server/metrics/model-metrics.js';
import { defineModule } from '../module.js';
import type { RegistryFollower } from '../registry/index.js';
import type { LoadedVersion } from './loaded-version.js';
import { ModelCache } from './model-cache.js';
import { ModelServingRelationsResolver } from './model-serving.relations.js';
import { PredictionResultRelationsResolver } from './prediction-result.relations.js';
import { applyRegistryEvent } from './registry-follower.js';
import { RouteCache } from './route-cache.js';
import { ServingStats } from './serving-stats.js';
import { ServingResolver } from './serving.resolver.js';
import { releaseLoadedVersion, ServingService } from './serving.service.js';

export { ServingService, MAX_PREDICT_ROWS, type PredictOutcome, type PredictRequest } from './serving.service.js';
export { ServingStats, type VersionServingStats } from './serving-stats.js';
export { ModelCache } from './model-cache.js';
export { RouteCache } from './route-cache.js';
export type { LoadedVersion } from './loaded-version.js';

export interface ServingServices {
  serving: ServingService;
  stats: ServingStats;
  cache: ModelCache<LoadedVersion>;
  /** Routes predict reads without SQL: forgotten on registry events, expired after MODEL_ROUTE_TTL_MS. */
  routes: RouteCache;
  metrics: ModelServingMetrics;
  /** Starts applying other processes' load/unload requests here; resolves once subscribed. */
  followRegistry(): Promise<void>;
  /** Stops following registry events, unloads every model and writes the buffered prediction log. */
  close(): Promise<void>;
}

declare module '../module.js' {
  interface ModuleServices {
    serving: ServingServices;
  }
}

export const servingModule = defineModule({
  name: 'serving',
  resolvers: [ServingResolver, ModelServingRelationsResolver, PredictionResultRelationsResolver],
  create: ({ config, ml, logger }, modules): ServingServices => {
    const log = logger.child({ module: 'serving' });
    const registry = modules.get('registry');
    const routes = new RouteCache(config.MODEL_ROUTE_TTL_MS);
    // Every change this process publishes drops its own cached routes first (read-your-writes).
    registry.events.onRoutesChanged((model) => routes.forget(model));
    const stats = new ServingStats();
    const cache = new ModelCache<LoadedVersion>(
      { maxModels: config.MODEL_CACHE_MAX_MODELS, maxBytes: config.MODEL_CACHE_MAX_BYTES },
      releaseLoadedVersion,
    );
    // Prometheus series of serving (per model version) and of the loaded-model cache, rendered by /metrics.
    const metrics = new ModelServingMetrics(() => cache);
    const serving = new ServingService({
      runtime: ml,
      models: registry.models,
      versions: registry.versions,
      aliases: registry.aliases,
      predictions: modules.get('predictions').predictions,
      cache,
      stats,
      observer: metrics,
      routes,
      events: registry.events,
      logger: log,
    });
    let follower: RegistryFollower | null = null;
    return {
      serving,
      stats,
      cache,
      routes,
      metrics,
      async followRegistry() {
        follower ??= await registry.events.follow(applyRegistryEvent(serving, log));
      },
      async close() {
        await follower?.stop();
        await serving.close();
      },
    };
  },
  resolverInstances: ({ serving, stats, cache }) => [
    new ServingResolver(serving, cache),
    new ModelServingRelationsResolver(stats, cache),
  ],
  metrics: ({ metrics }) => [metrics.collect],
  // Every process (API and worker) applies the loadModel / unloadModel requests other processes publish.
  start: (services) => services.followRegistry(),
  close: (services) => services.close(),
});
