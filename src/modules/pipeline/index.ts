// The pipeline module: every run recorded (status, stages, progress, errors), executed by the handler registered
// for its kind, in this process (inline) or by a BullMQ worker (queue); cancellation; the reaper that settles runs
// whose process was lost; the dispatcher's health, read briefly cached. Handlers come from the modules that own
// the work (their descriptors' `handlers`), registered by the composition root.
import { hostname } from 'node:os';
import { pipelineMetrics } from '../../server/metrics/pipeline-metrics.js';
import { defineModule } from '../module.js';
import { CachedRead } from './cached-read.js';
import type { PipelineHealth } from '../../infra/queue/port.js';
import { PipelineReaper } from './pipeline.reaper.js';
import { PipelineResolver } from './pipeline.resolver.js';
import { PipelineService } from './pipeline.service.js';

export {
  PipelineService,
  assertRunId,
  type PipelineHandler,
  type PipelineWork,
  type RunHandle,
  type RunResult,
} from './pipeline.service.js';
export type { JobPresence, PipelineDispatcher, PipelineHealth } from '../../infra/queue/port.js';
export { PipelineReaper, type PipelineReaperOptions, type SweepOutcome } from './pipeline.reaper.js';
export { LOST_BEFORE_START, workerLost } from './run-errors.js';
export { PipelineRun, PipelineRunConnection } from './pipeline.type.js';
export type { ProgressReporter } from './progress-reporter.js';
export type { StageMetrics } from './stages.js';
export { fromSnapshot, toSnapshot, type PipelineKind, type PipelineRunRecord } from './pipeline-run.record.js';
export { CachedRead, type Reading } from './cached-read.js';

export interface PipelineServices {
  pipeline: PipelineService;
  /** Settles runs whose process was lost; started by API (services deployment) and worker processes. */
  reaper: PipelineReaper;
  /** How runs execute (serverInfo.pipelines, /metrics, the no-worker warning): Redis read at most once a second. */
  health: CachedRead<PipelineHealth>;
}

declare module '../module.js' {
  interface ModuleServices {
    pipeline: PipelineServices;
  }
}

declare module '../../graphql/context.js' {
  interface Streams {
    /** The run as it is now, then each recorded change until it ends. */
    pipelineRun(id: string): AsyncIterable<unknown>;
  }
}

const HEALTH_MAX_AGE_MS = 1_000;

export const pipelineModule = defineModule({
  name: 'pipeline',
  resolvers: [PipelineResolver],
  create: ({ db, pubsub, logger, config, dispatcher, role }): PipelineServices => {
    const pipeline = new PipelineService({
      prisma: db.prisma,
      pubsub,
      logger,
      heartbeatMs: config.PIPELINE_HEARTBEAT_MS,
      maxActiveRunsPerUser: config.PIPELINE_MAX_ACTIVE_RUNS_PER_USER,
      workerId: `${role}:${hostname()}:${process.pid}`,
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
    const health = new CachedRead(() => pipeline.dispatcher.health(), HEALTH_MAX_AGE_MS);
    return { pipeline, reaper, health };
  },
  resolverInstances: ({ pipeline }) => [new PipelineResolver(pipeline)],
  streams: ({ pipeline }) => ({ pipelineRun: (id) => pipeline.watch(id) }),
  metrics: ({ health }) => [pipelineMetrics(async () => (await health.get()).value)],
  async close({ reaper, pipeline }) {
    await reaper.stop();
    await pipeline.shutdown();
    await pipeline.dispatcher.close();
  },
});
