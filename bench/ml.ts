// Benchmark: training throughput and predict latency of the repo-language model, per TensorFlow.js backend.
// Backends are process-global, so each one runs in a child process of its own (ml-child.ts) that trains and
// measures `predict` through the serving service in-process; this process then loads the child's HTTP server
// with GraphQL `predict` calls over loopback.
//
//   npx tsx bench/ml.ts                                   # wasm and cpu, the shipped sample (embedded PGlite)
//   BENCH_DATABASE_URL=postgres://…/ost_ml_full npx tsx bench/ml.ts   # a catalog already imported there
//
// BENCH_BACKENDS (default "wasm,cpu"), BENCH_RUNS (3: training runs, and interleaved latency runs),
// BENCH_EPOCHS (5 per training run), BENCH_DURATION_MS (5000 per latency measurement). Writes the `ml` section of
// docs/benchmarks.md (`ml:postgres` with BENCH_DATABASE_URL).
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from './load.js';
import {
  BATCHES,
  latencyTable,
  trainingTable,
  type BackendResult,
  type ChildReport,
  type HttpRow,
} from './ml-report.js';
import { readProc } from './proc-sampler.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));

const backends = (process.env.BENCH_BACKENDS ?? 'wasm,cpu').split(',').map((b) => b.trim());
const runs = Number(process.env.BENCH_RUNS ?? 3);
const epochs = Number(process.env.BENCH_EPOCHS ?? 5);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const databaseUrl = process.env.BENCH_DATABASE_URL;
const PREDICT = `query ($inputs: [JSON!]!, $version: Int) {
  predict(model: "repo-language", version: $version, inputs: $inputs) { version outputs latencyMs }
}`;

function startChild(backend: string): { child: ChildProcess; ready: Promise<ChildReport> } {
  const { DATABASE_URL: _d, REDIS_URL: _r, DATA_DIR: _dd, ...env } = process.env;
  const child = fork('bench/ml-child.ts', {
    execArgv: ['--import', 'tsx'],
    env: { ...env, TFJS_BACKEND: backend, BENCH_RUNS: String(runs), BENCH_EPOCHS: String(epochs) },
  });
  const ready = new Promise<ChildReport>((resolve, reject) => {
    child.on('message', (message: { type: string; text?: string; report?: ChildReport }) => {
      if (message.type === 'progress') console.log(message.text);
      if (message.type === 'ready') resolve(message.report!);
    });
    child.once('exit', (code) => reject(new Error(`the ${backend} child exited (code ${code}) before it was ready`)));
  });
  return { child, ready };
}

async function measureHttp(report: ChildReport, pid: number): Promise<HttpRow[]> {
  const rows: HttpRow[] = [
    ...BATCHES.map((n) => ({ rows: n, concurrency: 1, runs: [] })),
    { rows: 1, concurrency: 8, runs: [] },
  ];
  const body = (n: number) => () =>
    JSON.stringify({ query: PREDICT, variables: { version: report.version, inputs: report.inputs.slice(0, n) } });
  const check = (json: unknown) => !(json as { errors?: unknown }).errors;
  // One call first: a failing setup is reported with the server's answer, not as thousands of counted errors.
  const probe = await fetch(report.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(1)(),
  });
  const answer = await probe.text();
  if (!probe.ok || !check(JSON.parse(answer))) throw new Error(`predict over HTTP failed: ${probe.status} ${answer}`);
  await runLoad({ url: report.url, body: body(32), concurrency: 4, durationMs: 2_000, check }); // warm-up
  for (let run = 0; run < runs; run++) {
    for (const row of rows) {
      const before = readProc(pid)?.cpuMs ?? 0;
      const load = await runLoad({
        url: report.url,
        body: body(row.rows),
        concurrency: row.concurrency,
        durationMs,
        check,
      });
      const serverCpu = (((readProc(pid)?.cpuMs ?? before) - before) / load.durationMs) * 100;
      if (load.errors > 0) throw new Error(`${load.errors} predict calls failed over HTTP`);
      row.runs.push({ ...load, serverCpu });
    }
    console.log(`${report.backend}: HTTP predict, run ${run + 1}/${runs}`);
  }
  return rows;
}

const measuredRevision = revision();
const loadBefore = loadavg()[0] ?? 0;
const results: BackendResult[] = [];
for (const backend of backends) {
  const { child, ready } = startChild(backend);
  try {
    const report = await ready;
    results.push({ report, http: await measureHttp(report, child.pid!) });
  } finally {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
    await gone;
  }
}

const catalog = databaseUrl ? 'the catalog in BENCH_DATABASE_URL (PostgreSQL)' : 'the shipped sample (embedded PGlite)';
writeSection(
  databaseUrl ? 'ml:postgres' : 'ml',
  [
    `### Model training and serving (repo-language) — TensorFlow.js ${backends.map((b) => `\`${b}\``).join(' and ')}, ${catalog}`,
    '',
    `\`${databaseUrl ? 'BENCH_DATABASE_URL=postgres://… ' : ''}npx tsx bench/ml.ts\`; ${new Date().toISOString().slice(0, 10)}, ` +
      `Node ${process.versions.node}, code at ${measuredRevision}. One child process per backend (TensorFlow.js ` +
      `backends are process-global), composed as the server is. Training: ${runs} TRAIN runs through the pipeline, ` +
      `each exactly ${epochs} epochs of the default params (batch 64, vocabularies of up to 4,000 words per field); ` +
      '"examples/s" counts training examples over the time spent in training steps (validation excluded). Predict: ' +
      `real repositories' name, description and topics; in-process calls go through ServingService.predict (schema ` +
      `checks, routing, encoding, one batched call, decoding), HTTP calls are GraphQL \`predict\` from this process to ` +
      `the child's server over loopback. ${runs} runs of ${durationMs / 1000} s per row, interleaved; median ` +
      `(min–max) over runs. Prediction log off (PREDICTION_LOG_SAMPLE_RATE=0). 1-minute load average of the ` +
      `shared 2-core machine: ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    '',
    ...trainingTable(results),
    '',
    ...latencyTable(results),
  ].join('\n'),
);
console.log(`wrote the ${databaseUrl ? 'ml:postgres' : 'ml'} section of docs/benchmarks.md`);
