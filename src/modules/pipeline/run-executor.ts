// Executing runs in this process: one RunContext per run (throttled progress and a heartbeat), its writes fenced by
// attempt (run-writer.ts), every recorded change published. Shared by inline dispatch, workers and CLI commands.
// A cancel reaches a run two ways, whichever comes first: the announcement (listenForCancel, from any process), or
// the cancel request its own progress and heartbeat writes read back. Either aborts its signal with
// RunCancelledError, and the run ends CANCELLED.
import { isTransient } from '../../lib/unreachable.js';
import type { Logger } from '../../logger.js';
import { isAppError } from '../../errors.js';
import type { PipelineWork } from './pipeline-handlers.js';
import type { PipelineRunRecord } from './pipeline-run.record.js';
import { RunContext } from './run-context.js';
import { RunCancelledError, RunSupersededError } from './run-errors.js';
import type { RunOutcome, RunWriter } from './run-writer.js';

export interface RunExecutorOptions {
  writer: RunWriter;
  publish(run: PipelineRunRecord): void;
  get(runId: string): Promise<PipelineRunRecord>;
  logger: Logger;
  workerId: string;
  flushIntervalMs: number;
  heartbeatMs: number;
  /** Calls `onCancel` when a cancel of `runId` is announced (by any process); returns what stops listening. */
  listenForCancel(runId: string, onCancel: (reason: string) => void): () => void;
  /**
   * Whether a run whose work failed because a dependency was away goes back to the queue (another try, by any
   * worker) instead of failing: only where a queue executes runs. Up to TRANSIENT_ATTEMPTS attempts in all.
   */
  requeuesTransientFailures(): boolean;
}

/** Attempts a run gets when its work keeps failing because a dependency is away; the last one records FAILED. */
export const TRANSIENT_ATTEMPTS = 3;

const MAX_ERROR_LENGTH = 2_000;
export const SHUTDOWN_REASON = 'interrupted: the server shut down during the run';

/** What an interrupted run becomes: FAILED with the reason, or QUEUED again for another process (a worker). */
export type InterruptMode = 'fail' | 'requeue';

export class RunExecutor {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private interruptReason = SHUTDOWN_REASON;
  private interruptMode: InterruptMode = 'fail';

  constructor(private readonly options: RunExecutorOptions) {}

  /** Executes in the background; errors (the database gone) are logged, the run is left to the reaper. */
  background(runId: string, work: PipelineWork): void {
    // execute() registers the run as active before its first await, so waitFor() and shutdown() see it at once.
    void this.execute(runId, work).catch((error: unknown) =>
      this.options.logger.error({ err: error, runId }, 'pipeline run could not be recorded'),
    );
  }

  async execute(runId: string, work: PipelineWork): Promise<PipelineRunRecord> {
    const { writer, logger } = this.options;
    const controller = new AbortController();
    const log = logger.child({ runId });
    let attempt = 0;
    const cancel = (reason: string) => {
      if (controller.signal.aborted) return; // already stopping: the first reason stands
      log.info({ reason }, 'pipeline run cancelled: stopping its work');
      controller.abort(new RunCancelledError(runId, reason));
    };
    // The recorded row says whether a cancel was asked for: the safety net when the announcement is lost.
    const noticeCancel = (run: PipelineRunRecord) => {
      if (run.cancelRequestedAt) cancel(run.cancelReason ?? 'cancelled');
    };
    const context = new RunContext(
      runId,
      log,
      controller.signal,
      (state) => this.write(controller, () => writer.progress(runId, attempt, state)).then(noticeCancel),
      this.options.flushIntervalMs,
    );
    // Listening starts before the run does, so an announcement made as soon as it is RUNNING is not missed.
    const stopListening = this.options.listenForCancel(runId, cancel);

    const done = (async () => {
      const started = await writer.begin(runId, this.options.workerId);
      if (!started) {
        log.warn('pipeline run has already ended: not executed again');
        return this.options.get(runId);
      }
      attempt = started.attempts;
      this.options.publish(started);
      // A run retried after its process was lost may carry a cancel asked for meanwhile: its work never starts.
      noticeCancel(started);
      context.startHeartbeat(this.options.heartbeatMs);
      let outcome: RunOutcome;
      let transientFailure = false;
      try {
        controller.signal.throwIfAborted();
        const result = await work(Object.assign(context, { runId, log }));
        // Work that honoured the signal by returning early did not finish: it must not be recorded as a success.
        controller.signal.throwIfAborted();
        outcome = { status: 'SUCCEEDED', result: result ?? {} };
      } catch (error) {
        transientFailure = !controller.signal.aborted && isTransient(error);
        outcome = this.outcomeOf(error, controller.signal, log);
      }
      await context.settled().catch(() => undefined);
      if (this.handsBack(controller.signal)) return this.requeue(runId, attempt, context, log);
      if (transientFailure && attempt < TRANSIENT_ATTEMPTS && this.options.requeuesTransientFailures()) {
        log.warn(
          { attempt, reason: outcome.status === 'SUCCEEDED' ? null : outcome.error },
          'a dependency was away: the run goes back to the queue',
        );
        return this.requeue(runId, attempt, context, log);
      }
      return this.recordEnd(controller, runId, attempt, context, outcome, log);
    })();
    // Registered before the first await, so shutdown() and waitFor() see the run from the moment it exists.
    this.active.set(runId, { controller, done });
    try {
      return await done;
    } finally {
      stopListening();
      this.active.delete(runId);
    }
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  async shutdown(reason: string, mode: InterruptMode = 'fail'): Promise<void> {
    this.interruptReason = reason;
    this.interruptMode = mode;
    for (const { controller } of this.active.values()) controller.abort();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  async waitFor(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
  }

  /** A stopping worker hands interrupted runs back; never a superseded one, nor one cancelled (it ends here). */
  private handsBack(signal: AbortSignal): boolean {
    const ownEnd = signal.reason instanceof RunSupersededError || signal.reason instanceof RunCancelledError;
    return signal.aborted && !ownEnd && this.interruptMode === 'requeue';
  }

  /**
   * Records the run's end. A success refused because a cancel was recorded first is recorded CANCELLED instead;
   * an attempt that no longer owns the run records nothing.
   */
  private async recordEnd(
    controller: AbortController,
    runId: string,
    attempt: number,
    context: RunContext,
    outcome: RunOutcome,
    log: Logger,
  ): Promise<PipelineRunRecord> {
    const { writer } = this.options;
    // RunWriter.finish retries a database that is away for about 2 minutes: the end is recorded while this process
    // lives rather than the run being left RUNNING for the reaper to call lost.
    const finish = (status: RunOutcome['status'], what: RunOutcome) =>
      this.write(controller, () => writer.finish(runId, attempt, context.finish(status), what));
    try {
      try {
        return await finish(outcome.status, outcome);
      } catch (error) {
        if (!(error instanceof RunCancelledError)) throw error;
        log.info({ reason: error.reason }, 'pipeline run finished its work after it was cancelled: recorded CANCELLED');
        const cancelled: RunOutcome = { status: 'CANCELLED', error: error.reason };
        return await finish('CANCELLED', cancelled);
      }
    } catch (error) {
      if (!(error instanceof RunSupersededError)) throw error;
      log.warn({ attempt }, 'pipeline run was taken over or failed elsewhere: this attempt stops unrecorded');
      return this.options.get(runId);
    }
  }

  /** Puts an interrupted run back to QUEUED (its running stage closed as FAILED) for another process to execute. */
  private async requeue(runId: string, attempt: number, context: RunContext, log: Logger): Promise<PipelineRunRecord> {
    context.finish('FAILED'); // stops its timers; the stored stages are closed by settle()
    const requeued = await this.options.writer.settle(runId, { status: 'RUNNING', attempts: attempt }, null);
    if (!requeued) return this.options.get(runId); // taken over or failed elsewhere meanwhile
    this.options.publish(requeued);
    log.info({ attempt }, 'pipeline run handed back to the queue: another process will execute it');
    return requeued;
  }

  /** A write of this execution, published once recorded; a superseded attempt stops its work. */
  private async write(
    controller: AbortController,
    write: () => Promise<PipelineRunRecord>,
  ): Promise<PipelineRunRecord> {
    try {
      const run = await write();
      this.options.publish(run);
      return run;
    } catch (error) {
      if (error instanceof RunSupersededError) controller.abort(error);
      throw error;
    }
  }

  /** Why the work did not succeed: CANCELLED when a cancel stopped it, FAILED otherwise. */
  private outcomeOf(error: unknown, signal: AbortSignal, log: Logger): RunOutcome {
    if (signal.aborted && signal.reason instanceof RunCancelledError)
      return { status: 'CANCELLED', error: signal.reason.reason };
    return { status: 'FAILED', error: this.failureReason(error, signal, log) };
  }

  private failureReason(error: unknown, signal: AbortSignal, log: Logger): string {
    if (signal.reason instanceof RunSupersededError) return signal.reason.message; // never recorded: fenced
    if (signal.aborted) {
      log.warn({ reason: this.interruptReason }, 'pipeline run interrupted');
      return this.interruptReason;
    }
    if (isAppError(error)) log.warn({ reason: error.message }, 'pipeline run failed');
    else log.error({ err: error }, 'pipeline run failed');
    return describeError(error);
  }
}

/** An error as a run's `error`: AppError messages as they are, other errors with their class, bounded. */
export function describeError(error: unknown): string {
  const message = isAppError(error)
    ? error.message
    : error instanceof Error
      ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
      : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}
