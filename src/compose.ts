// Composition root: config → infra → modules → server's inputs. `MODULES` is the only list of modules: the schema,
// the services, the per-request loaders, the pipeline handlers, the subscription streams, probes, metrics, what
// starts and what closes all derive from it. The server entry (main.ts), the worker and every CLI command call
// `compose`, so each runs with exactly the wiring the server has.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { anonymous, createAccess, type AccessControl, type Actor } from './access/index.js';
import type { Config } from './config.js';
import { buildGraphQLSchema, type ResolverClass } from './graphql/build-schema.js';
import type { GraphQLContext, Loaders, Primers, Streams } from './graphql/context.js';
import type { Cache } from './infra/cache/index.js';
import { connectInfra, type ConnectOptions } from './infra/connect.js';
import type { Database } from './infra/db/index.js';
import { initMlRuntime, type MlRuntime } from './infra/ml/index.js';
import type { AppPubSub } from './infra/pubsub/index.js';
import { BullMqDispatcher, type PipelineDispatcher } from './infra/queue/index.js';
import type { Logger } from './logger.js';
import { catalogModules } from './modules/catalog/index.js';
import { eventsModule } from './modules/events/index.js';
import { importModule } from './modules/import/index.js';
import { ingestModule } from './modules/ingest/index.js';
import type { ComposedModules, ModuleDescriptor, ModuleInfra, ModuleName, ModuleServices } from './modules/module.js';
import { pipelineModule } from './modules/pipeline/index.js';
import { recommendationsModule } from './modules/recommendations/index.js';
import { okrsModule } from './modules/okrs/index.js';
import { predictionsModule } from './modules/predictions/index.js';
import { registryModule } from './modules/registry/index.js';
import { servingModule } from './modules/serving/index.js';
import { systemModule } from './modules/system/index.js';
import { trainingModule } from './modules/training/index.js';
import type { MetricsCollector } from './server/metrics/prometheus.js';
import type { ReadinessCheck } from './server/types.js';

/**
 * Every module, in the order they are built (a module may use the services of those before it) and the reverse of
 * the order they close in.
 */
export const MODULES: readonly ModuleDescriptor[] = [
  eventsModule,
  pipelineModule,
  ...catalogModules,
  importModule,
  ingestModule,
  registryModule,
  predictionsModule,
  servingModule,
  trainingModule,
  recommendationsModule,
  okrsModule,
  systemModule,
] as readonly ModuleDescriptor[];

/** Every resolver class of every module: all a schema needs when nothing executes (`npm run schema`). */
export function resolverClasses(modules: readonly ModuleDescriptor[] = MODULES): ResolverClass[] {
  return modules.flatMap((module) => module.resolvers ?? []);
}

export interface App {
  config: Config;
  logger: Logger;
  db: Database;
  cache: Cache;
  pubsub: AppPubSub;
  /** TensorFlow.js, initialised once (TFJS_BACKEND). */
  ml: MlRuntime;
  /** Every module's services, by module name: `app.modules.get('pipeline').pipeline`. */
  modules: ComposedModules;
  schema: GraphQLSchema;
  /** Authentication and admission, for the server (src/access). */
  access: AccessControl;
  createContext: (request: { requestId: string; logger: Logger; viewer: Actor }) => GraphQLContext;
  readiness: ReadinessCheck[];
  /** Read at each /metrics scrape. */
  metrics: MetricsCollector[];
  /** Closes the modules in reverse order (running pipelines stop), then Redis and the database. */
  close(): Promise<void>;
}

export interface ComposeOptions extends ConnectOptions {
  /** What this process is, in the workerId of the runs it executes (default 'api'). */
  role?: 'api' | 'worker';
  /** The modules to compose (default: all of them); tests of the composition itself use fewer. */
  modules?: readonly ModuleDescriptor[];
}

export async function compose(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<App> {
  const infra = await connectInfra(config, logger, options);
  const { db, cache, pubsub, redis } = infra;
  const ml = await initMlRuntime({ backend: config.TFJS_BACKEND, logger });
  // Pipeline runs execute in this process (inline) or in BullMQ workers (queue): PIPELINE_EXECUTION.
  const dispatcher: PipelineDispatcher | undefined =
    config.pipelineExecution === 'queue' && config.redis
      ? new BullMqDispatcher(
          { url: config.redis.url, prefix: config.QUEUE_PREFIX },
          (error) => logger.warn({ err: error }, 'pipeline queue error'),
          config.QUEUE_ADD_TIMEOUT_MS,
        )
      : undefined;
  const access = await createAccess(config, { db, redis, logger });
  const moduleInfra: ModuleInfra = { config, logger, db, cache, pubsub, ml, dispatcher, role: options.role ?? 'api' };

  const list = options.modules ?? MODULES;
  const built: Array<{ module: ModuleDescriptor; services: ModuleServices[ModuleName] }> = [];
  const byName = new Map<string, ModuleServices[ModuleName]>();
  const modules: ComposedModules = {
    get(name) {
      const services = byName.get(name);
      if (!services) throw new Error(`module "${name}" is not composed before the module asking for it`);
      return services as ModuleServices[typeof name];
    },
  };
  const close = async () => {
    for (const { module, services } of [...built].reverse()) {
      await module.close?.(services).catch((error: unknown) => logger.warn({ err: error }, `closing ${module.name}`));
    }
    await infra.closeRedis();
    if (!options.db) await db.close(); // an injected database belongs to whoever opened it
  };

  try {
    for (const module of list) {
      if (byName.has(module.name)) throw new Error(`module "${module.name}" is listed twice`);
      const services = await module.create(moduleInfra, modules);
      built.push({ module, services });
      byName.set(module.name, services);
    }
    registerHandlers(built, byName);
    for (const { module, services } of built) await module.start?.(services);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  const schema = await buildGraphQLSchema(
    resolverClasses(list),
    built.flatMap(({ module, services }) => module.resolverInstances?.(services) ?? []),
  );
  const streams = Object.assign(
    {},
    ...built.map(({ module, services }) => module.streams?.(services) ?? {}),
  ) as Streams;

  const createLoaders = loaderFactory(built);
  const readiness: ReadinessCheck[] = [{ name: 'database', check: () => db.ping() }];
  if (redis) readiness.push({ name: 'redis', check: async () => void (await redis.ping()) });
  readiness.push(...built.flatMap(({ module, services }) => module.readiness?.(services) ?? []));

  return {
    config,
    logger,
    db,
    cache,
    pubsub,
    ml,
    modules,
    schema,
    readiness,
    metrics: built.flatMap(({ module, services }) => module.metrics?.(services) ?? []),
    access,
    createContext: ({ requestId, logger: requestLogger, viewer }) => ({
      requestId,
      logger: requestLogger,
      viewer,
      loaders: createLoaders(viewer),
      streams,
    }),
    close,
  };
}

/** Each module's pipeline handlers, registered with the pipeline service so any process can execute any run. */
function registerHandlers(
  built: ReadonlyArray<{ module: ModuleDescriptor; services: ModuleServices[ModuleName] }>,
  byName: ReadonlyMap<string, ModuleServices[ModuleName]>,
): void {
  const pipelineServices = byName.get('pipeline') as ModuleServices['pipeline'] | undefined;
  for (const { module, services } of built) {
    const handlers = module.handlers?.(services);
    if (!handlers) continue;
    if (!pipelineServices) throw new Error(`module "${module.name}" has pipeline handlers but no pipeline module`);
    for (const [kind, handler] of Object.entries(handlers)) {
      pipelineServices.pipeline.registerHandler(kind as keyof typeof handlers, handler);
    }
  }
}

/**
 * The request's DataLoaders, created lazily: a request builds only the loaders of the modules it touches (most
 * build one or two of the dozen), not one set per module per request. The first read of any loader of a module
 * creates that module's set on the request's object (as own properties, so later reads are plain property reads);
 * the priming hooks between modules read loaders at call time, so they create what they prime on demand too.
 */
const VIEWER = Symbol('viewer');
const PRIMERS = Symbol('primers');
type LazyLoaders = Loaders & { [VIEWER]: Actor; [PRIMERS]: Primers };

function loaderPrototype(
  built: ReadonlyArray<{ module: ModuleDescriptor; services: ModuleServices[ModuleName] }>,
): object {
  const prototype = {};
  for (const { module, services } of built) {
    const create = module.loaders?.bind(module);
    if (!create) continue;
    // The names a module offers, from one set made at start-up (creating loaders reads nothing).
    const names = Object.keys(create(services, {} as Primers, anonymous()));
    for (const name of names) {
      Object.defineProperty(prototype, name, {
        configurable: true,
        get(this: LazyLoaders) {
          const own = create(services, this[PRIMERS], this[VIEWER]) as Record<string, unknown>;
          for (const key of names) {
            Object.defineProperty(this, key, { value: own[key], enumerable: true, writable: true, configurable: true });
          }
          return own[name];
        },
      });
    }
  }
  return prototype;
}

function loaderFactory(
  built: ReadonlyArray<{ module: ModuleDescriptor; services: ModuleServices[ModuleName] }>,
): (viewer: Actor) => Loaders {
  const prototype = loaderPrototype(built);
  return (viewer) => {
    const loaders = Object.create(prototype) as LazyLoaders;
    const primers = {} as Primers;
    loaders[VIEWER] = viewer;
    loaders[PRIMERS] = primers;
    for (const { module } of built) Object.assign(primers, module.primers?.(loaders));
    return loaders;
  };
}
