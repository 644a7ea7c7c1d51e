// Queue execution (services deployment): a submitted run becomes a BullMQ job { runId } whose id is the run's id
// (adding it twice is a no-op), and a worker process (src/cli/worker.ts) executes it.
import { Queue } from 'bullmq';
import { connectionOptions, PIPELINE_QUEUE, type PipelineJobData, type QueueConnection } from './connection.js';
import type { JobPresence, PipelineDispatcher } from './port.js';
import { databaseOf, readQueueHealth, type QueueHealth } from './queue-health.js';

const DAY_SECONDS = 86_400;

/** The queue (Redis) could not take a job: nothing was queued. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

export class BullMqDispatcher implements PipelineDispatcher {
  readonly mode = 'queue' as const;
  private readonly queue: Queue<PipelineJobData>;
  /** The Redis database the queue lives in: workers are counted there only. */
  private readonly db: number;

  constructor(
    connection: QueueConnection,
    onError: (error: unknown) => void,
    /** Longest dispatch() waits for Redis to take the job (QUEUE_ADD_TIMEOUT_MS). */
    private readonly addTimeoutMs = 2_000,
  ) {
    this.db = databaseOf(connection.url);
    this.queue = new Queue<PipelineJobData>(PIPELINE_QUEUE, {
      // No offline queue: while Redis is down an add fails at once instead of waiting in memory to be sent (or
      // not) minutes later, after the run it names was already recorded as not queued.
      connection: { ...connectionOptions(connection.url, 'queue'), enableOfflineQueue: false },
      prefix: connection.prefix,
    });
    // An EventEmitter's unhandled 'error' would crash the process; Redis outages are reported, not fatal.
    this.queue.on('error', onError);
  }

  /** Rejects with QueueUnavailableError when Redis does not take the job within addTimeoutMs. */
  async dispatch(run: { id: string; kind: string }): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableError(`Redis did not take the job within ${this.addTimeoutMs} ms`)),
        this.addTimeoutMs,
      );
    });
    try {
      await Promise.race([this.add(run), timeout]);
    } catch (error) {
      if (error instanceof QueueUnavailableError) throw error;
      throw new QueueUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  private async add(run: { id: string; kind: string }): Promise<void> {
    await this.queue.add(
      run.kind,
      { runId: run.id },
      {
        jobId: run.id,
        // The run records its own outcome: a job is never retried for its work's failure, only taken over when its
        // worker is lost (stalled-job detection). Finished jobs are kept a while for inspection, then dropped.
        attempts: 1,
        removeOnComplete: { age: DAY_SECONDS, count: 10_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      },
    );
  }

  /**
   * 'held' only while a worker's lock on the job exists: a killed worker's job stays in the active list until
   * some worker's stalled check moves it, but its lock expires WORKER_LOCK_MS after the last renewal.
   */
  async presence(runId: string): Promise<JobPresence> {
    const state = await this.queue.getJobState(runId);
    switch (state) {
      case 'active':
        return (await this.isLocked(runId)) ? 'held' : 'none';
      case 'waiting':
      case 'delayed':
      case 'prioritized':
      case 'waiting-children':
        return 'pending';
      default:
        return 'none';
    }
  }

  /**
   * Removes a cancelled run's job while it waits. BullMQ refuses (0) to remove a job a worker holds: that worker
   * finds the run ended (or cancelled) and stops.
   */
  async withdraw(runId: string): Promise<boolean> {
    return (await this.queue.remove(runId)) === 1;
  }

  /** Jobs by state, the oldest waiting job's age and connected workers (see queue-health.ts). */
  health(): Promise<QueueHealth> {
    return readQueueHealth(this.queue, this.db);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  /** BullMQ's lock key for a job: `<prefix>:<queue>:<jobId>:lock` (the key its stalled check tests too). */
  private async isLocked(jobId: string): Promise<boolean> {
    const client = await this.queue.getBackend().client;
    return (await client.get(this.queue.toKey(`${jobId}:lock`))) !== null;
  }
}
