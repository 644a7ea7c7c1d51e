// Composition root: config → infra → modules → server. The only file that knows every part; CLI commands reuse
// `compose` so they run with exactly the wiring the server has.
import 'reflect-metadata';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildGraphQLSchema } from './graphql/build-schema.js';
import type { GraphQLContext } from './graphql/context.js';
import { createLoaders } from './graphql/loaders.js';
import type { Cache } from './infra/cache/index.js';
import { connectInfra, type ConnectOptions } from './infra/connect.js';
import type { Database } from './infra/db/index.js';
import type { AppPubSub } from './infra/pubsub/index.js';
import { initMlRuntime, type MlRuntime } from './infra/ml/index.js';
import { BullMqDispatcher } from './infra/queue/index.js';
import { createLogger, type Logger } from './logger.js';
import { ImportService } from './modules/import/index.js';
import { createGithubApi } from './infra/github/index.js';
import { IngestResolver, IngestService } from './modules/ingest/index.js';
import { createModelsModule, type ModelsModule } from './modules/models/index.js';
import {
  PipelineJobs,
  PipelineReaper,
  PipelineResolver,
  PipelineService,
  type PipelineDispatcher,
} from './modules/pipeline/index.js';
import { RepositoryResolver, RepositoryService } from './modules/repositories/index.js';
import { UserResolver, UserService } from './modules/users/index.js';
import { TopicResolver, TopicService } from './modules/topics/index.js';
import { LanguageResolver, LanguageService } from './modules/languages/index.js';
import { ContributionService } from './modules/contributions/index.js';
import { CachedRead, NoWorkerWatch, SystemResolver, SystemService } from './modules/system/index.js';
import { TrainingResolver, TrainingService } from './modules/training/index.js';
import { installShutdown, startServer, type ReadinessCheck } from './server/index.js';
import { pipelineMetrics } from './server/metrics/pipeline-metrics.js';
import { ModelServingMetrics } from './server/metrics/model-metrics.js';
import type { MetricsCollector } from './server/metrics/prometheus.js';

export interface App {
  config: Config;
  logger: Logger;
  db: Database;
  cache: Cache;
  pubsub: AppPubSub;
  pipeline: PipelineService;
  /** Settles runs whose process was lost; started by the API and worker entry points (services deployment). */
  reaper: PipelineReaper;
  importer: ImportService;
  ingest: IngestService;
  users: UserService;
  repositories: RepositoryService;
  jobs: PipelineJobs;
  /** TensorFlow.js, initialised once (TFJS_BACKEND). */
  ml: MlRuntime;
  /** Model registry, serving and prediction log. */
  models: ModelsModule;
  /** TRAIN pipeline runs: trains, evaluates and registers model versions. */
  training: TrainingService;
  system: SystemService;
  schema: GraphQLSchema;
  createContext: (request: { requestId: string; logger: Logger }) => GraphQLContext;
  readiness: ReadinessCheck[];
  /** Read at each /metrics scrape (the pipeline queue's gauges, model serving). */
  metrics: MetricsCollector[];
  /** Warns when runs wait in the queue with no worker connected; started by API processes in queue mode only. */
  noWorkerWatch: NoWorkerWatch;
  /** Stops running pipelines, then closes Redis and the database. */
  close(): Promise<void>;
}

export interface ComposeOptions extends ConnectOptions {
  /** What this process is, in the workerId of the runs it executes (default 'api'). */
  role?: 'api' | 'worker';
}

export async function compose(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<App> {
  // infra
  const infra = await connectInfra(config, logger, options);
  const { db, cache, pubsub, redis } = infra;
  const ml = await initMlRuntime({ backend: config.TFJS_BACKEND, logger });

  // Pipeline runs execute in this process (inline) or in BullMQ workers (queue): PIPELINE_EXECUTION.
  const dispatcher: PipelineDispatcher | undefined =
    config.pipelineExecution === 'queue' && config.redis
      ? new BullMqDispatcher({ url: config.redis.url, prefix: config.QUEUE_PREFIX }, (error) =>
          logger.warn({ err: error }, 'pipeline queue error'),
        )
      : undefined;

  // modules
  const pipeline = new PipelineService({
    prisma: db.prisma,
    pubsub,
    logger,
    heartbeatMs: config.PIPELINE_HEARTBEAT_MS,
    workerId: `${options.role ?? 'api'}:${hostname()}:${process.pid}`,
    ...(dispatcher ? { dispatcher } : {}),
  });
  const reaper = new PipelineReaper({
    prisma: db.prisma,
    pipeline,
    dispatcher: pipeline.dispatcher,
    staleAfterMs: config.PIPELINE_STALE_AFTER_MS,
    intervalMs: config.PIPELINE_REAPER_INTERVAL_MS,
    logger,
  });
  const importer = new ImportService({ db, logger });
  const users = new UserService(db.prisma);
  const repositories = new RepositoryService(db.prisma);
  const topics = new TopicService(db.prisma);
  const languages = new LanguageService(db.prisma);
  const contributions = new ContributionService(db.prisma);
  const jobs = new PipelineJobs(pipeline, importer, config.SAMPLE_DIR);
  const ingest = new IngestService({ db, pipeline, github: createGithubApi(config, db.sql, logger), logger });
  // Prometheus series of serving (per model version) and of the loaded-model cache, rendered by /metrics.
  const modelMetrics = new ModelServingMetrics(() => models.cache);
  const models = createModelsModule({ prisma: db.prisma, runtime: ml, pubsub, logger, config, observer: modelMetrics });
  // Every process (API and worker) applies the loadModel / unloadModel requests other processes publish.
  await models.followRegistry();
  const training = new TrainingService({ prisma: db.prisma, runtime: ml, pipeline, models, logger });
  // How runs execute (serverInfo.pipelines, /metrics, the no-worker warning): read from Redis at most once a second.
  const pipelineHealth = new CachedRead(() => pipeline.dispatcher.health(), PIPELINE_HEALTH_MAX_AGE_MS);
  const noWorkerWatch = new NoWorkerWatch({
    read: async () => (await pipelineHealth.get()).value,
    warnAfterMs: config.QUEUE_NO_WORKER_WARN_MS,
    logger,
  });
  const system = new SystemService({
    environment: config.NODE_ENV,
    database: db.kind,
    cache: config.redis ? 'redis' : 'memory',
    pubsub: config.redis ? 'redis' : 'memory',
    ml,
    pipelines: { health: () => pipelineHealth.get(), warning: () => noWorkerWatch.warning },
  });

  const schema = await buildGraphQLSchema([
    new RepositoryResolver(repositories),
    new UserResolver(users),
    new TopicResolver(topics),
    new LanguageResolver(languages),
    new PipelineResolver(pipeline, jobs),
    new IngestResolver(ingest),
    ...models.resolvers,
    new TrainingResolver(training),
    new SystemResolver(system),
  ]);

  const readiness: ReadinessCheck[] = [{ name: 'database', check: () => db.ping() }];
  if (redis) readiness.push({ name: 'redis', check: async () => void (await redis.ping()) });

  return {
    config,
    logger,
    db,
    cache,
    pubsub,
    pipeline,
    reaper,
    importer,
    ingest,
    users,
    repositories,
    jobs,
    ml,
    models,
    training,
    system,
    schema,
    readiness,
    metrics: [pipelineMetrics(async () => (await pipelineHealth.get()).value), modelMetrics.collect],
    noWorkerWatch,
    createContext: ({ requestId, logger: requestLogger }) => ({
      requestId,
      logger: requestLogger,
      loaders: createLoaders({ users, repositories, topics, languages, contributions, models }),
      streams: { pipelineRun: (id) => pipeline.watch(id), modelEvents: (model) => models.watchEvents(model) },
    }),
    async close() {
      await noWorkerWatch.stop();
      await reaper.stop();
      await pipeline.shutdown();
      await pipeline.dispatcher.close();
      await models.close(); // stops following registry events, frees loaded models, writes the prediction log
      await infra.closeRedis();
      if (!options.db) await db.close(); // an injected database belongs to whoever opened it
    },
  };
}

const PIPELINE_HEALTH_MAX_AGE_MS = 1_000;

/** First start on an empty database: import the shipped sample in the background, as an ordinary pipeline run. */
async function importSampleIfEmpty(app: App): Promise<void> {
  if (app.config.SAMPLE_IMPORT === 'off' || !(await app.importer.isCatalogEmpty())) return;
  // Serving goes on whatever happens here: a sample the queue could not take is recorded FAILED and logged.
  await app.jobs.startSampleImport().then(
    (run) =>
      app.logger.info({ runId: run.id, dir: app.config.SAMPLE_DIR }, 'empty database: importing the shipped sample'),
    (error: unknown) => app.logger.error({ err: error }, 'could not start the import of the shipped sample'),
  );
}

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
  if (config.database.kind === 'pglite') {
    // One process owns an embedded database, so runs it did not finish were cut off by a stop.
    const interrupted = await app.pipeline.failInterrupted();
    if (interrupted > 0) logger.warn({ interrupted }, 'marked runs interrupted by the last stop as failed');
  } else {
    // Shared database: other processes' runs may be alive; only runs silent for long, held by nobody, are settled.
    app.reaper.start();
  }
  // Only API processes: a worker process is itself what the warning asks for.
  if (config.pipelineExecution === 'queue') app.noWorkerWatch.start();
  const server = await startServer({
    schema: app.schema,
    logger,
    config,
    createContext: app.createContext,
    readiness: app.readiness,
    metrics: app.metrics,
    info: () => {
      // Still ready (reads are served), but the probe's body says runs are stranded.
      const warning = app.noWorkerWatch.warning;
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
      workerId: app.pipeline.workerId,
    },
    `OST Graph ready at ${server.url}`,
  );
  await importSampleIfEmpty(app);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    // Startup failures (database unreachable, migration refused) end here: one clear line, exit 1.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ost-graph: failed to start: ${message}\n`);
    process.exit(1);
  });
}
