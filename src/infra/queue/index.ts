// The pipeline queue (BullMQ on Redis): what API processes add runs to and worker processes execute.
export { BullMqDispatcher, QueueUnavailableError } from './bullmq-dispatcher.js';
export { PipelineWorker, type PipelineWorkerOptions } from './pipeline-worker.js';
export { PIPELINE_QUEUE, type PipelineJobData, type QueueConnection } from './connection.js';
export { countWorkers, databaseOf, readQueueHealth, type QueueHealth } from './queue-health.js';
export type { JobPresence, PipelineDispatcher, PipelineHealth } from './port.js';
