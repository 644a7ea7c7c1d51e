// The ML benchmark's shared shapes (child → parent) and its section of docs/benchmarks.md.
import type { LoadResult } from './load.js';
import { medianRange } from './stats.js';

/** Rows per predict call measured. */
export const BATCHES = [1, 32, 256] as const;

export interface TrainingRun {
  samplesPerSecond: number;
  durationMs: number;
  epochs: number;
  examples: { train: number; validation: number; test: number };
  accuracy: number;
  version: number;
}

export interface LatencySummary {
  calls: number;
  p50: number;
  p95: number;
  p99: number;
  /** Median time in the model (encoding, the batched call, decoding), as PredictionResult.latencyMs says. */
  modelP50: number;
  callsPerSecond: number;
}

export interface ChildReport {
  backend: string;
  simd: boolean | null;
  database: string;
  training: TrainingRun[];
  inProcess: Array<{ rows: number; runs: LatencySummary[] }>;
  version: number;
  inputs: Array<Record<string, unknown>>;
  url: string;
}

export interface HttpRow {
  rows: number;
  concurrency: number;
  runs: Array<LoadResult & { serverCpu: number }>;
}

export interface BackendResult {
  report: ChildReport;
  http: HttpRow[];
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

export function summariseLatency(run: { wall: number[]; model: number[] }): LatencySummary {
  const total = run.wall.reduce((a, b) => a + b, 0);
  return {
    calls: run.wall.length,
    p50: quantile(run.wall, 0.5),
    p95: quantile(run.wall, 0.95),
    p99: quantile(run.wall, 0.99),
    modelP50: quantile(run.model, 0.5),
    callsPerSecond: run.wall.length / (total / 1000),
  };
}

const range = (values: number[], digits = 2) => medianRange(values, digits);
const name = (r: ChildReport) => `\`${r.backend}\`${r.simd ? ' (SIMD)' : ''}`;

export function trainingTable(results: BackendResult[]): string[] {
  return [
    '| backend | examples (train / validation / test) | epochs | training examples/s | run s (load → register) | held-out accuracy |',
    '|---|---|---:|---:|---:|---:|',
    ...results.map(({ report: r }) => {
      const e = r.training[0]!.examples;
      return (
        `| ${name(r)} | ${e.train.toLocaleString('en-US')} / ${e.validation.toLocaleString('en-US')} / ${e.test.toLocaleString('en-US')} ` +
        `| ${r.training[0]!.epochs} | ${range(
          r.training.map((t) => t.samplesPerSecond),
          0,
        )} ` +
        `| ${range(
          r.training.map((t) => t.durationMs / 1000),
          1,
        )} | ${range(
          r.training.map((t) => t.accuracy * 100),
          1,
        )}% |`
      );
    }),
  ];
}

export function latencyTable(results: BackendResult[]): string[] {
  const lines = [
    '| backend | path | rows per call | concurrency | calls | p50 ms | p95 ms | p99 ms | in the model, p50 ms | rows/s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { report: r, http } of results) {
    for (const row of r.inProcess)
      lines.push(
        `| ${name(r)} | in-process (ServingService) | ${row.rows} | 1 | ${range(
          row.runs.map((x) => x.calls),
          0,
        )} ` +
          `| ${range(row.runs.map((x) => x.p50))} | ${range(row.runs.map((x) => x.p95))} | ${range(row.runs.map((x) => x.p99))} ` +
          `| ${range(row.runs.map((x) => x.modelP50))} | ${range(
            row.runs.map((x) => x.callsPerSecond * row.rows),
            0,
          )} |`,
      );
    for (const row of http)
      lines.push(
        `| ${name(r)} | HTTP GraphQL \`predict\` | ${row.rows} | ${row.concurrency} | ${range(
          row.runs.map((x) => x.requests),
          0,
        )} ` +
          `| ${range(row.runs.map((x) => x.p50))} | ${range(row.runs.map((x) => x.p95))} | ${range(row.runs.map((x) => x.p99))} ` +
          `| – | ${range(
            row.runs.map((x) => x.rps * row.rows),
            0,
          )} |`,
      );
  }
  return lines;
}
