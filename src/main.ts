// Process entry of the API server: configuration, composition (src/compose.ts), the HTTP server, shutdown on
// SIGTERM/SIGINT, and the first start's sample import and demo model (first-start.ts). Nothing imports this file.
import { ConfigError, loadConfig, type Config } from './config.js';
import { compose } from './compose.js';
import { firstStart } from './first-start.js';
import { createLogger } from './logger.js';
import { installShutdown, startServer } from './server/index.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ost-graph: configuration error: ${error.message.replaceAll('\n', '; ')}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await compose(config, logger);
  const { pipeline, reaper } = app.modules.get('pipeline');
  const { noWorkerWatch } = app.modules.get('system');
  if (config.database.kind === 'pglite') {
    // One process owns an embedded database, so runs it did not finish were cut off by a stop.
    const interrupted = await pipeline.failInterrupted();
    if (interrupted > 0) logger.warn({ interrupted }, 'marked runs interrupted by the last stop as failed');
  } else {
    // Shared database: other processes' runs may be alive; only runs silent for long, held by nobody, are settled.
    reaper.start();
  }
  // Only API processes: a worker process is itself what the warning asks for.
  if (config.pipelineExecution === 'queue') noWorkerWatch.start();
  const server = await startServer({
    schema: app.schema,
    logger,
    config,
    createContext: app.createContext,
    readiness: app.readiness,
    access: app.access,
    metrics: app.metrics,
    info: () => {
      // Still ready (reads are served), but the probe's body says runs are stranded.
      const warning = noWorkerWatch.warning;
      return {
        database: app.db.kind,
        cache: config.redis ? 'redis' : 'memory',
        pubsub: config.redis ? 'redis' : 'memory',
        tfjs: app.ml.backend,
        ...(warning ? { warnings: [warning] } : {}),
      };
    },
  });
  installShutdown({
    signals: ['SIGTERM', 'SIGINT'],
    logger,
    // The server's own drain ends at SHUTDOWN_TIMEOUT_MS; leave the later steps time to close the database.
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS + 5_000,
    steps: [
      { name: 'server', close: () => server.close() },
      { name: 'pipelines, redis and database', close: () => app.close() },
    ],
  });
  logger.info(
    {
      url: server.url,
      database: app.db.kind,
      redis: Boolean(config.redis),
      pipelines: config.pipelineExecution,
      workerId: pipeline.workerId,
    },
    `OST Graph ready at ${server.url}`,
  );
  void firstStart(app);
}

main().catch((error: unknown) => {
  // Startup failures (database unreachable, migration refused) end here: one clear line, exit 1.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ost-graph: failed to start: ${message}\n`);
  process.exit(1);
});
