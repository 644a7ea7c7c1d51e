export {
  PipelineService,
  assertRunId,
  type PipelineHandler,
  type PipelineWork,
  type RunHandle,
  type RunResult,
} from './pipeline.service.js';
export type { JobPresence, PipelineDispatcher } from './pipeline-dispatcher.js';
export { PipelineReaper, type PipelineReaperOptions, type SweepOutcome } from './pipeline.reaper.js';
export { LOST_BEFORE_START, workerLost } from './run-errors.js';
export { PipelineJobs } from './pipeline.jobs.js';
export { PipelineResolver } from './pipeline.resolver.js';
export { PipelineRun, PipelineRunConnection } from './pipeline.type.js';
export type { ProgressReporter } from './progress-reporter.js';
export type { StageMetrics } from './stages.js';
export { fromSnapshot, toSnapshot, type PipelineKind, type PipelineRunRecord } from './pipeline-run.record.js';
