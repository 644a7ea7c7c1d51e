// What serving reports about each call routed to a version, for metrics kept outside the module: compose() hands
// in the Prometheus side (src/server/metrics/model-metrics.ts), so the module knows no exposition format and the
// server knows no models. Calls rejected before routing (bad rows, unknown model or alias) name no version and
// are not reported here; they show as GraphQL errors.

export interface PredictionObserver {
  /** A call served: `rows` rows in `seconds` in the model (encoding, the batched call, decoding). */
  predicted(model: string, version: number, rows: number, seconds: number): void;
  /** A call routed to this version that failed loading, running or decoding. */
  failed(model: string, version: number): void;
}

export const ignorePredictions: PredictionObserver = {
  predicted: () => undefined,
  failed: () => undefined,
};
