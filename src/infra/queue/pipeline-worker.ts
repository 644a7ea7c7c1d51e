// A worker process's consumer of the pipeline queue: takes jobs (WORKER_CONCURRENCY at once) and executes each
// job's run. Lock renewal is BullMQ's: while this process lives it renews its claim every WORKER_LOCK_MS / 2;
// when it dies the lock expires and some worker's stalled check (every WORKER_STALLED_CHECK_MS) moves the job back
// to wait, up to WORKER_MAX_STALLED times, after which the next worker to take it fails it instead.
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Logger } from '../../logger.js';
import { connectionOptions, PIPELINE_QUEUE, type PipelineJobData, type QueueConnection } from './connection.js';

export interface PipelineWorkerOptions extends QueueConnection {
  /** Stored on every job this worker takes (BullMQ's processedBy): the run's workerId. */
  name: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  logger: Logger;
  /**
   * Executes the run; resolves once its end is recorded (a failed run too: its failure is recorded), or with
   * 'handed-back' when this process stopped and put the run back to QUEUED: its job then goes back to the queue.
   */
  execute(runId: string): Promise<'ended' | 'handed-back'>;
  /**
   * BullMQ failed the job without the run recording an end: `lost` when its workers were lost more often than
   * allowed (the run was never finished by anyone), otherwise executing it threw (`message`).
   */
  jobFailed(runId: string, failure: { lost: boolean; message: string }): Promise<void>;
}

/** The deferred failure BullMQ gives a job that stalled more than maxStalledCount times. */
const STALLED_TOO_OFTEN = /stalled more than allowable limit/;

export class PipelineWorker {
  private readonly worker: Worker<PipelineJobData>;
  private readonly log: Logger;
  /** Failed jobs whose run could not be recorded as failed (the database refused): counted, and logged each time. */
  unrecordedFailures = 0;

  constructor(private readonly options: PipelineWorkerOptions) {
    this.log = options.logger.child({ component: 'pipeline-worker' });
    this.worker = new Worker<PipelineJobData>(PIPELINE_QUEUE, (job, token) => this.process(job, token), {
      connection: connectionOptions(options.url, 'worker'),
      prefix: options.prefix,
      name: options.name,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount,
      autorun: false,
    });
    this.worker.on('error', (error) => this.log.warn({ err: error }, 'pipeline worker error'));
    this.worker.on('stalled', (jobId) =>
      this.log.warn({ runId: jobId }, 'a pipeline run lost its worker: its job goes back to the queue for a retry'),
    );
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      const failure = { lost: STALLED_TOO_OFTEN.test(error.message), message: error.message };
      this.options.jobFailed(job.data.runId, failure).catch((cause: unknown) => {
        this.unrecordedFailures += 1;
        this.log.error(
          { err: cause, runId: job.data.runId, unrecordedFailures: this.unrecordedFailures },
          "could not record a failed job's run as failed (the reaper's sweep settles it later)",
        );
      });
    });
  }

  /** Starts taking jobs; resolves once connected to Redis. */
  async start(): Promise<void> {
    void this.worker.run().catch((error: unknown) => this.log.error({ err: error }, 'pipeline worker stopped'));
    await this.worker.waitUntilReady();
  }

  /** Takes no more jobs and waits for the runs it is executing to end. */
  async close(): Promise<void> {
    await this.worker.close();
  }

  private async process(job: Job<PipelineJobData>, token: string | undefined): Promise<void> {
    const runId = job.data?.runId;
    if (typeof runId !== 'string') throw new UnrecoverableError(`job ${job.id} names no pipeline run`);
    if (job.stalledCounter > 0)
      this.log.warn({ runId, retries: job.stalledCounter }, 'retrying a run whose worker was lost');
    if ((await this.options.execute(runId)) === 'handed-back') {
      // Back to wait, counted neither as a failure nor as a stall; WaitingError tells BullMQ the move is done.
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }
}
