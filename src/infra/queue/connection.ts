// Where the pipeline queue lives: one BullMQ queue in Redis, its keys under a prefix (QUEUE_PREFIX), so
// deployments or test runs sharing a Redis never take each other's jobs.
import type { RedisOptions } from 'bullmq';

export const PIPELINE_QUEUE = 'pipeline-runs';

/** A job names its run and nothing else: the run's params live in the database, written once. */
export interface PipelineJobData {
  runId: string;
}

export interface QueueConnection {
  url: string;
  prefix: string;
}

/**
 * BullMQ opens its own connections from these (a worker needs a blocking one). `url` is passed whole, so a
 * database index or TLS in REDIS_URL applies to the queue too.
 */
export function connectionOptions(url: string, name: string): RedisOptions {
  return { url, connectionName: `ost-graph:${name}` };
}
