// Read-through cache counters for /metrics: requests by area and outcome, and the hit ratio since the start.
import { Counter, Gauge, Registry, type MetricsCollector } from './prometheus.js';

/** What the server reads (structural: the server does not import the cache). */
export type CacheCountsByArea = ReadonlyMap<string, Readonly<{ hits: number; misses: number; errors: number }>>;

export function cacheMetrics(read: () => CacheCountsByArea): MetricsCollector {
  return async () => {
    const registry = new Registry();
    const requests = new Counter({
      name: 'ost_cache_requests_total',
      help: 'Cached reads (recommendations, similar, search) by outcome; errors are reads the cache failed or was too slow to answer (served uncached).',
      labelNames: ['area', 'result'],
      registers: [registry],
    });
    const ratio = new Gauge({
      name: 'ost_cache_hit_ratio',
      help: 'Hits over all cached reads since the process started, by area.',
      labelNames: ['area'],
      registers: [registry],
    });
    for (const [area, counts] of read()) {
      requests.inc({ area, result: 'hit' }, counts.hits);
      requests.inc({ area, result: 'miss' }, counts.misses);
      requests.inc({ area, result: 'error' }, counts.errors);
      const total = counts.hits + counts.misses;
      if (total > 0) ratio.set({ area }, counts.hits / total);
    }
    return registry.metrics();
  };
}
