// Prometheus metrics through prom-client: the text exposition format, counters, gauges and histograms, and the
// process's default series (CPU, memory, GC, event-loop lag, handles). Every registry is our own (never prom-client's
// global one), so two servers in one process (tests) keep separate series.
import { Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * Exposition text for values that must be read asynchronously when scraped (a queue in Redis), or that live in a
 * registry of their own (model serving). Rendered after the server's metrics; one that rejects is left out of that
 * scrape.
 */
export type MetricsCollector = () => Promise<string>;
