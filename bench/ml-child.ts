// One TensorFlow.js backend, measured in a process of its own (backends are process-global): the application
// composed as the server composes it (TFJS_BACKEND from the parent), the catalog (the shipped sample imported into
// a temporary embedded database, or BENCH_DATABASE_URL's), TRAIN runs through the pipeline, then `predict`
// through the serving service in-process. Finally it serves HTTP on a free port and waits while the parent loads
// it over loopback; the parent's "stop" message ends it. Talks to the parent over the fork IPC channel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { compose } from '../src/compose.js';
import { silentProgress } from '../src/modules/import/index.js';
import { startServer } from '../src/server/index.js';
import type { TrainingResult } from '../src/modules/training/index.js';
import { BATCHES, summariseLatency, type ChildReport, type TrainingRun } from './ml-report.js';
import { systemActor } from '../src/access/index.js';

/** The benchmark acts as the system (allowed everything, recorded as "bench"). */
const BENCH = systemActor('bench');

const backend = process.env.TFJS_BACKEND ?? 'wasm';
const databaseUrl = process.env.BENCH_DATABASE_URL;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const epochs = Number(process.env.BENCH_EPOCHS ?? 5);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const MODEL = 'repo-language';

const send = (message: unknown) => process.send!(message);
const dataDir = mkdtempSync(join(tmpdir(), 'ost-bench-ml-'));
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  SAMPLE_IMPORT: 'off',
  DATA_DIR: dataDir,
  TFJS_BACKEND: backend,
  // The prediction log is written off the request path; leaving it out measures the model and the API alone.
  PREDICTION_LOG_SAMPLE_RATE: '0',
  PORT: '0',
  HOST: '127.0.0.1',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const logger = createLogger(config.LOG_LEVEL);
const app = await compose(config, logger);

try {
  if (!databaseUrl)
    await app.modules.get('import').importer.importFiles({ repos: 'data/sample/repos.jsonl.gz' }, silentProgress());

  const training: TrainingRun[] = [];
  for (let run = 0; run < runs; run++) {
    // patience above epochs: every run trains exactly `epochs` epochs, so runs compare.
    const queued = await app.modules
      .get('training')
      .training.start({ model: MODEL, params: { epochs, patience: 50 } }, BENCH);
    await app.modules.get('pipeline').pipeline.waitFor(queued.id);
    const finished = await app.modules.get('pipeline').pipeline.get(queued.id);
    if (finished.status !== 'SUCCEEDED') throw new Error(`training failed: ${finished.error}`);
    const result = finished.result as TrainingResult;
    training.push({
      samplesPerSecond: result.samplesPerSecond,
      durationMs: result.durationMs,
      epochs: result.history.length,
      examples: result.dataset.examples as TrainingRun['examples'],
      accuracy: (result.metrics as { accuracy: number }).accuracy,
      version: result.version,
    });
    send({
      type: 'progress',
      text: `${backend}: training run ${run + 1}/${runs}: ${result.samplesPerSecond} examples/s`,
    });
  }
  const version = training.at(-1)!.version;

  const repositories = await app.db.prisma.repository.findMany({
    where: { language: { not: null } },
    orderBy: { id: 'asc' },
    take: 256,
    select: { name: true, description: true, topics: true },
  });
  const inputs = repositories.map((r) => ({ name: r.name, description: r.description, topics: r.topics.join(' ') }));
  await app.modules.get('serving').serving.predict({ model: MODEL, version, inputs: inputs.slice(0, 1) }, BENCH); // loads the version

  const inProcess = BATCHES.map((rows) => ({ rows, runs: [] as Array<{ wall: number[]; model: number[] }> }));
  for (let run = 0; run < runs; run++) {
    for (const row of inProcess) {
      const batch = inputs.slice(0, row.rows);
      const wall: number[] = [];
      const model: number[] = [];
      const until = performance.now() + durationMs;
      while (performance.now() < until) {
        const started = performance.now();
        const outcome = await app.modules
          .get('serving')
          .serving.predict({ model: MODEL, version, inputs: batch }, BENCH);
        wall.push(performance.now() - started);
        model.push(outcome.latencyMs);
      }
      row.runs.push({ wall, model });
    }
    send({ type: 'progress', text: `${backend}: in-process predict, run ${run + 1}/${runs}` });
  }

  const server = await startServer({
    schema: app.schema,
    logger,
    config,
    createContext: app.createContext,
    access: app.access,
    readiness: app.readiness,
    info: () => ({ database: app.db.kind, cache: 'memory', pubsub: 'memory', tfjs: app.ml.backend }),
  });
  const report: ChildReport = {
    backend: app.ml.backend,
    simd: app.ml.simd ?? null,
    database: app.db.kind,
    training,
    inProcess: inProcess.map((row) => ({ rows: row.rows, runs: row.runs.map(summariseLatency) })),
    version,
    inputs,
    url: server.url, // the GraphQL endpoint itself
  };
  send({ type: 'ready', report });
  await new Promise<void>((resolve) => process.on('message', (message) => message === 'stop' && resolve()));
  await server.close();
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
