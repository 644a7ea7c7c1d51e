// Model serving metrics for /metrics: predictions by model, version and outcome, rows, time in the model, and the
// loaded-model cache (read at scrape time). Counters are per process; sum them across API processes to compare
// champion and challenger cluster-wide (`sum by (model, version) (rate(ost_model_predictions_total[5m]))`).
// Cardinality stays bounded: model names and version numbers come from the registry (a call is counted only once
// routed to a version that exists), so the series are at most the registered versions this process served.
import { Counter, Gauge, Histogram, Registry, type MetricsCollector } from './prometheus.js';

// Seconds in the model: from a tenth of a millisecond (a tiny model, one row) to a second (large batches).
const PREDICT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The loaded-model cache as the gauges need it (structural: the server does not import the models module). */
export interface ModelCacheReading {
  readonly size: number;
  readonly bytes: number;
}

export class ModelServingMetrics {
  private readonly registry = new Registry();
  private readonly predictions = new Counter({
    name: 'ost_model_predictions_total',
    help: 'Predict calls routed to a model version, by outcome (ok, error).',
    labelNames: ['model', 'version', 'outcome'],
    registers: [this.registry],
  });
  private readonly rows = new Counter({
    name: 'ost_model_prediction_rows_total',
    help: 'Input rows predicted, by model and version.',
    labelNames: ['model', 'version'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'ost_model_predict_duration_seconds',
    help: 'Time in the model per predict call (encoding, the batched call, decoding), by model and version.',
    labelNames: ['model', 'version'],
    buckets: PREDICT_BUCKETS,
    registers: [this.registry],
  });

  /** `cache` is read at each scrape. */
  constructor(cache: () => ModelCacheReading) {
    new Gauge({
      name: 'ost_models_loaded',
      help: 'Model versions loaded in this process.',
      registers: [this.registry],
      collect() {
        this.set(cache().size);
      },
    });
    new Gauge({
      name: 'ost_model_cache_bytes',
      help: 'Weight bytes the loaded model versions hold in this process.',
      registers: [this.registry],
      collect() {
        this.set(cache().bytes);
      },
    });
  }

  predicted(model: string, version: number, rows: number, seconds: number): void {
    const labels = { model, version: String(version) };
    this.predictions.inc({ ...labels, outcome: 'ok' });
    this.rows.inc(labels, rows);
    this.duration.observe(labels, seconds);
  }

  failed(model: string, version: number): void {
    this.predictions.inc({ model, version: String(version), outcome: 'error' });
  }

  readonly collect: MetricsCollector = () => this.registry.metrics();
}
