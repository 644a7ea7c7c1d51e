export { SystemService, packageVersion, type PipelineExecutionInfo, type SystemInfo } from './system.service.js';
export { SystemResolver } from './system.resolver.js';
export { PipelineExecution, ServerInfo, TfjsInfo } from './system.type.js';
export { CachedRead, type Reading } from './cached-read.js';
export { NoWorkerWatch, START_WORKER_COMMAND, type NoWorkerWatchOptions } from './no-worker-watch.js';
