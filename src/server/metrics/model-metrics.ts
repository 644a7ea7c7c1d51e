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
  private readonly predictions = this.registry.register(
    new Counter('ost_model_predictions_total', 'Predict calls routed to a model version, by outcome (ok, error).'),
  );
  private readonly rows = this.registry.register(
    new Counter('ost_model_prediction_rows_total', 'Input rows predicted, by model and version.'),
  );
  private readonly duration = this.registry.register(
    new Histogram(
      'ost_model_predict_duration_seconds',
      'Time in the model per predict call (encoding, the batched call, decoding), by model and version.',
      PREDICT_BUCKETS,
    ),
  );

  /** `cache` is read at each scrape. */
  constructor(cache: () => ModelCacheReading) {
    this.registry.register(
      new Gauge('ost_models_loaded', 'Model versions loaded in this process.', () => cache().size),
    );
    this.registry.register(
      new Gauge(
        'ost_model_cache_bytes',
        'Weight bytes the loaded model versions hold in this process.',
        () => cache().bytes,
      ),
    );
  }

  predicted(model: string, version: number, rows: number, seconds: number): void {
    const labels = { model, version: String(version) };
    this.predictions.inc({ ...labels, outcome: 'ok' });
    this.rows.inc(labels, rows);
    this.duration.observe(seconds, labels);
  }

  failed(model: string, version: number): void {
    this.predictions.inc({ model, version: String(version), outcome: 'error' });
  }

  readonly collect: MetricsCollector = async () => this.registry.render();
}
