// The markdown of the API latency benchmark: one row per operation and concurrency (median and min–max over the
// repeats), and what the numbers mean next to the old recommender REST API's targets (< 10 ms, 1000+ req/s).
import type { LoadResult } from './load.js';
import { median, medianRange } from './stats.js';

export interface Measurement {
  readonly load: LoadResult;
  /** CPU the server process used during the measurement, in % of one core. */
  readonly serverCpu: number;
  /** CPU this process (the load generator) used, in % of one core. */
  readonly loadCpu: number;
}

/** Milliseconds of server CPU per answered request. */
const cpuPerRequest = (m: Measurement) =>
  m.load.requests > 0 ? ((m.serverCpu / 100) * m.load.durationMs) / m.load.requests : 0;

export interface Row {
  readonly operation: string;
  readonly concurrency: number;
  readonly runs: readonly Measurement[];
}

const TARGET_MS = 10;
const TARGET_RPS = 1000;

export function latencyTable(rows: readonly Row[]): string[] {
  return [
    '| operation | concurrency | req/s | p50 ms | p95 ms | p99 ms | requests (errors) | server CPU % | server CPU ms/request | load generator CPU % |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => {
      const of = (pick: (m: Measurement) => number, digits: number) => medianRange(row.runs.map(pick), digits);
      const requests = row.runs.reduce((sum, m) => sum + m.load.requests, 0);
      const errors = row.runs.reduce((sum, m) => sum + m.load.errors, 0);
      return (
        `| ${row.operation} | ${row.concurrency} | ${of((m) => m.load.rps, 0)} | ${of((m) => m.load.p50, 2)} | ` +
        `${of((m) => m.load.p95, 2)} | ${of((m) => m.load.p99, 2)} | ${requests} (${errors}) | ` +
        `${median(row.runs.map((m) => m.serverCpu)).toFixed(0)} | ${median(row.runs.map(cpuPerRequest)).toFixed(2)} | ` +
        `${median(row.runs.map((m) => m.loadCpu)).toFixed(0)} |`
      );
    }),
  ];
}

/** "What these numbers mean": the measured numbers set against the old targets, with what limits them here. */
export function meaning(rows: readonly Row[], withDatabaseProcess: boolean): string {
  const medianOf = (row: Row, pick: (m: Measurement) => number) => median(row.runs.map(pick));
  const serial = rows.filter((row) => row.concurrency === 1);
  const p50s = serial.map((row) => medianOf(row, (m) => m.load.p50));
  const p99s = serial.map((row) => medianOf(row, (m) => m.load.p99));
  const best = rows.reduce((a, b) => (medianOf(b, (m) => m.load.rps) > medianOf(a, (m) => m.load.rps) ? b : a));
  const bestRps = medianOf(best, (m) => m.load.rps);
  const maxConcurrency = Math.max(...rows.map((r) => r.concurrency));
  const busiest = rows.filter((row) => row.concurrency === maxConcurrency);
  const loadCpu = median(busiest.flatMap((row) => row.runs.map((m) => m.loadCpu)));
  // Per operation: a lookup and a list of 20 cost very different CPU, so one median over both would describe neither.
  const perOperation = busiest.map((row) => ({
    operation: row.operation,
    cpuMs: median(row.runs.map(cpuPerRequest)),
    serverCpu: median(row.runs.map((m) => m.serverCpu)),
  }));
  const saturated = perOperation.every((op) => op.serverCpu >= 85);
  const within = (value: number) => (value < TARGET_MS ? 'within' : 'over');
  const belowTarget = bestRps < TARGET_RPS;
  return [
    '**What these numbers mean.** The recommender this API replaces promised a REST API answering in under ' +
      `${TARGET_MS} ms at 1000+ req/s. One request at a time (concurrency 1), the GraphQL reads here take ` +
      `${Math.min(...p50s).toFixed(1)}–${Math.max(...p50s).toFixed(1)} ms at the median (${within(Math.max(...p50s))} ` +
      `the ${TARGET_MS} ms target) and ${Math.min(...p99s).toFixed(1)}–${Math.max(...p99s).toFixed(1)} ms at p99, ` +
      'for the whole round trip: HTTP, GraphQL parsing and validation, execution, SQL (one statement, the owners joined), JSON.',
    `Throughput peaks at ${bestRps.toFixed(0)} req/s (${best.operation}, concurrency ${best.concurrency}): ` +
      `${belowTarget ? `${(TARGET_RPS / bestRps).toFixed(1)}× below` : 'above'} the ${TARGET_RPS} req/s target on this machine. ` +
      (best.concurrency < maxConcurrency
        ? `Beyond concurrency ${best.concurrency}, more clients only add queueing: p50 grows to about concurrency ÷ throughput (Little's law).`
        : "It was reached at the highest concurrency tested, where p50 is about concurrency ÷ throughput (Little's law)."),
    `At concurrency ${maxConcurrency} the server process spent ` +
      perOperation
        .map(
          (op) =>
            `${op.cpuMs.toFixed(2)} ms of CPU per request on ${op.operation} (${op.serverCpu.toFixed(0)}% of a core)`,
        )
        .join(' and ') +
      `${withDatabaseProcess ? "; PostgreSQL's work is on top" : ' (the embedded database runs in that process too)'}. ` +
      'Its JavaScript runs on one thread, so one process answers at most about ' +
      perOperation.map((op) => `${(1000 / op.cpuMs).toFixed(0)}`).join(' and ') +
      ' req/s of these' +
      (saturated
        ? ': it was saturated, so its own CPU per request is the limit.'
        : `; where it used less than a core, requests spent the rest of their time waiting for ${withDatabaseProcess ? 'PostgreSQL or ' : ''}a turn on the shared cores.`),
    'This is not a dedicated machine. The load generator (Node `fetch`, in the benchmark process) runs on the same 2 ' +
      `cores as the server${withDatabaseProcess ? ' and PostgreSQL' : ''} and used ${loadCpu.toFixed(0)}% of a core (see the ` +
      "load average for anything else running). So these are floors, not the API's capacity, and the old targets' " +
      'hardware and request mix are unknown: they compare only roughly. ' +
      (belowTarget
        ? `What closes the gap to ${TARGET_RPS} req/s is less CPU per request (profile the server under this load: ` +
          '`--node-flags`, `bench/api-profile.ts`) and more processes on more cores (the services deployment runs any ' +
          'number of API processes).'
        : 'More throughput comes from more processes on more cores (the services deployment runs any number of API ' +
          'processes) and from less CPU per request (`--node-flags`, `bench/api-profile.ts`).'),
  ].join(' ');
}
