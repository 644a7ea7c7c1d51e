// `npm run worker`: a pipeline worker process (services deployment). Composes the application exactly as the
// server does (no HTTP), then takes runs from the BullMQ queue in Redis and executes each with its kind's handler,
// WORKER_CONCURRENCY at a time. Progress reaches subscribers on every API process through the Redis pubsub. It
// also sweeps for lost runs (see pipeline.reaper.ts). SIGTERM/SIGINT: takes no more runs, lets the running ones
// finish for up to SHUTDOWN_TIMEOUT_MS, then interrupts them and hands them back to the queue (QUEUED again, for
// another worker to execute from the start), and closes.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { PipelineWorker } from '../infra/queue/index.js';
import { createLogger } from '../logger.js';
import { compose, type App } from '../compose.js';
import { installShutdown } from '../server/index.js';

const HANDED_BACK = 'interrupted: the worker stopped; handed back to the queue';

/** Why this process cannot be a worker, or null. A worker shares the queue and the database with the API. */
function unusable(config: Config): string | null {
  if (!config.redis) return 'REDIS_URL is not set: workers take runs from the queue in Redis';
  if (config.database.kind !== 'postgres')
    return "DATABASE_URL is not set: a worker must share the API processes' PostgreSQL database";
  return null;
}

/** worker.close() waits for the runs in progress; past `ms` they are interrupted and handed back to the queue. */
async function drain(worker: PipelineWorker, app: App, ms: number): Promise<void> {
  const interrupt = setTimeout(() => void app.modules.get('pipeline').pipeline.shutdown(HANDED_BACK, 'requeue'), ms);
  try {
    await worker.close();
  } finally {
    clearTimeout(interrupt);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const problem = unusable(config);
  if (problem) throw new ConfigError(problem);
  const redis = config.redis!;
  const logger = createLogger(config.LOG_LEVEL, { role: 'worker' });
  const app = await compose(config, logger, { role: 'worker' });
  const { pipeline, reaper } = app.modules.get('pipeline');
  const worker = new PipelineWorker({
    url: redis.url,
    prefix: config.QUEUE_PREFIX,
    name: pipeline.workerId,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_MS,
    stalledIntervalMs: config.WORKER_STALLED_CHECK_MS,
    maxStalledCount: config.WORKER_MAX_STALLED,
    logger,
    execute: async (runId) => ((await pipeline.executeStored(runId)).status === 'QUEUED' ? 'handed-back' : 'ended'),
    jobFailed: (runId, failure) => reaper.jobFailed(runId, failure),
  });
  installShutdown({
    signals: ['SIGTERM', 'SIGINT'],
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS + 5_000,
    steps: [
      { name: 'worker', close: () => drain(worker, app, config.SHUTDOWN_TIMEOUT_MS) },
      { name: 'pipelines, redis and database', close: () => app.close() },
    ],
  });
  await worker.start();
  reaper.start();
  logger.info(
    {
      workerId: pipeline.workerId,
      queuePrefix: config.QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      lockMs: config.WORKER_LOCK_MS,
      stalledCheckMs: config.WORKER_STALLED_CHECK_MS,
      maxStalled: config.WORKER_MAX_STALLED,
    },
    'pipeline worker ready: executing queued runs (no HTTP server in this process)',
  );
}

main().catch((error: unknown) => {
  const prefix = error instanceof ConfigError ? 'configuration error' : 'failed to start';
  process.stderr.write(`ost-graph worker: ${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
