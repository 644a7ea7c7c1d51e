export { PipelineService, assertRunId, type PipelineWork, type RunResult } from './pipeline.service.js';
export { PipelineJobs } from './pipeline.jobs.js';
export { PipelineResolver } from './pipeline.resolver.js';
export { PipelineRun, PipelineRunConnection } from './pipeline.type.js';
export type { ProgressReporter } from './progress-reporter.js';
export { fromSnapshot, toSnapshot, type PipelineKind, type PipelineRunRecord } from './pipeline-run.record.js';
