// What a module is: one descriptor, exported by its `index.ts`. The composition root (src/compose.ts) holds the
// only list of them and derives everything from it: the schema (resolver classes), the services (built in list
// order from the infrastructure and the modules before), the per-request DataLoaders and the priming hooks between
// them, the pipeline handlers by kind, the subscription streams, probes, metrics, and what starts and stops.
//
// Modules never import each other's files: they meet through these typed registries, which each module extends
// with declaration merging (`declare module '…/module.js' { interface ModuleServices { … } }`), and through the
// public face of each other's `index.ts`.
import type { Actor } from '../access/index.js';
import type { Config } from '../config.js';
import type { Loaders, Primers, Streams } from '../graphql/context.js';
import type { ResolverClass } from '../graphql/build-schema.js';
import type { Cache } from '../infra/cache/index.js';
import type { Database } from '../infra/db/index.js';
import type { MlRuntime } from '../infra/ml/index.js';
import type { AppPubSub } from '../infra/pubsub/index.js';
import type { PipelineDispatcher } from '../infra/queue/port.js';
import type { Logger } from '../logger.js';
import type { MetricsCollector } from '../server/metrics/prometheus.js';
import type { ReadinessCheck } from '../server/types.js';
import type { PipelineHandler, PipelineKind } from './pipeline/index.js';

/** The infrastructure every module is built from (src/infra/connect.ts chose the adapters). */
export interface ModuleInfra {
  config: Config;
  logger: Logger;
  db: Database;
  cache: Cache;
  pubsub: AppPubSub;
  ml: MlRuntime;
  /** The BullMQ dispatcher in queue mode; undefined: runs execute in this process. */
  dispatcher: PipelineDispatcher | undefined;
  /** What this process is, in the workerId of the runs it executes. */
  role: 'api' | 'worker';
}

/** The services of every module, by module name: each module's index.ts adds its own entry. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface ModuleServices {}

export type ModuleName = keyof ModuleServices;

/** The services of the modules composed so far; asking for a later one is a wiring mistake, named as such. */
export interface ComposedModules {
  get<N extends ModuleName>(name: N): ModuleServices[N];
}

export interface ModuleDescriptor<N extends ModuleName = ModuleName> {
  readonly name: N;
  /** Every resolver class of the module (schema emission needs no services). */
  readonly resolvers?: readonly ResolverClass[];
  /** Builds the module's services from the infrastructure and the modules composed before it. */
  create(infra: ModuleInfra, modules: ComposedModules): ModuleServices[N] | Promise<ModuleServices[N]>;
  /** Instances of the resolver classes whose constructors take services (the others are built on demand). */
  resolverInstances?(services: ModuleServices[N]): object[];
  /**
   * The module's per-request DataLoaders. `prime` reaches the priming hooks of every module (wired by the
   * composition root once all loaders exist), so rows read here can fill another module's loader.
   */
  loaders?(services: ModuleServices[N], prime: Primers, viewer: Actor): Partial<Loaders>;
  /** Priming hooks this module offers other modules' loaders, over the request's whole loader set. */
  primers?(loaders: Loaders): Partial<Primers>;
  /** What executes pipeline runs of each kind this module owns, in any process (API or worker). */
  handlers?(services: ModuleServices[N]): Partial<Record<PipelineKind, PipelineHandler>>;
  /** Event streams behind the module's subscriptions. */
  streams?(services: ModuleServices[N]): Partial<Streams>;
  readiness?(services: ModuleServices[N]): ReadinessCheck[];
  /** Read at every /metrics scrape. */
  metrics?(services: ModuleServices[N]): MetricsCollector[];
  /** Called once every module is composed (e.g. start following other processes' events). */
  start?(services: ModuleServices[N]): Promise<void>;
  /** Called in reverse list order when the application closes. */
  close?(services: ModuleServices[N]): Promise<void>;
}

/** Declares a module with its name's services type checked (an identity function for inference). */
export function defineModule<N extends ModuleName>(descriptor: ModuleDescriptor<N>): ModuleDescriptor<N> {
  return descriptor;
}
