// The database writes of one execution of a run, fenced by its attempt number: every write after the first
// matches the run only while it is RUNNING in this attempt. A process that was thought lost (its run retried by
// another worker, or failed by the reaper) therefore can never overwrite what came after it.
// Every write survives a database blip (a restart, a failover): a transient failure is retried with backoff, about
// 15 s for progress (WRITE_RETRY) and about 2 minutes for the run's end (END_RETRY: it must be recorded while the
// process lives), so the run is recorded once the database is back instead of being taken for lost.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { retryTransient, type RetryOptions } from '../../lib/retry.js';
import { fromRow, type PipelineRunRecord } from './pipeline-run.record.js';
import { RunCancelledError, RunSupersededError } from './run-errors.js';
import type { RunState } from './run-context.js';
import { closeStage, type StageRecord } from './stages.js';

/** How a run that nobody executes was last seen: settle() changes it only if it is still so. */
export interface SeenRun {
  status: 'QUEUED' | 'RUNNING';
  attempts: number;
  /** Also require no heartbeat since this instant (the run is still silent). */
  silentSince?: Date;
}

export type RunOutcome =
  { status: 'SUCCEEDED'; result: Record<string, unknown> } | { status: 'FAILED' | 'CANCELLED'; error: string };

/** How settle() ends a run nobody executes: FAILED or CANCELLED. */
export type SettledStatus = 'FAILED' | 'CANCELLED';

/** Prisma's "no row matched the where of an update" (the fence did not hold). */
export const isNoMatch = (error: unknown) => (error as { code?: unknown } | null)?.code === 'P2025';

const stateData = (state: RunState) => ({
  stage: state.stage,
  stages: state.stages as unknown as Prisma.InputJsonValue,
  processed: state.processed,
  total: state.total,
  plannedStages: state.planned,
});

/** Tries of a run write: waits of 0.25, 0.5, 1, 2, 4, 4, 4 s between them (about 15 s in all). */
const WRITE_RETRY: RetryOptions = { attempts: 8, baseDelayMs: 250, maxDelayMs: 4_000 };
/** Tries of the write that records a run's end: the same waits, then 5 s apart (about 2 minutes in all). */
const END_RETRY: RetryOptions = { attempts: 30, baseDelayMs: 250, maxDelayMs: 5_000 };

export class RunWriter {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly onRetry: RetryOptions['onRetry'] = undefined,
  ) {}

  private retried<T>(work: () => Promise<T>): Promise<T> {
    return retryTransient(work, { ...WRITE_RETRY, ...(this.onRetry ? { onRetry: this.onRetry } : {}) });
  }

  /**
   * Starts an attempt: a QUEUED run, or a RUNNING one whose earlier attempt was lost, becomes RUNNING here with
   * fresh progress and one more attempt. Returns null when the run has ended (or does not exist): nothing to do.
   */
  async begin(runId: string, workerId: string): Promise<PipelineRunRecord | null> {
    const now = new Date();
    try {
      const row = await this.retried(() =>
        this.prisma.pipelineRun.update({
          where: { id: runId, status: { in: ['QUEUED', 'RUNNING'] } },
          data: {
            status: 'RUNNING',
            startedAt: now,
            heartbeatAt: now,
            attempts: { increment: 1 },
            workerId,
            error: null,
            ...stateData({ stage: null, stages: [], processed: 0, total: null, planned: [] }),
          },
        }),
      );
      return fromRow(row);
    } catch (error) {
      if (isNoMatch(error)) return null;
      throw error;
    }
  }

  /** Records progress (and the heartbeat) of attempt `attempt`. */
  progress(runId: string, attempt: number, state: RunState): Promise<PipelineRunRecord> {
    return this.fenced(runId, attempt, { ...stateData(state), heartbeatAt: new Date() });
  }

  /**
   * Records the end of attempt `attempt`. A success is recorded only while no cancel is: a cancel recorded first
   * wins (the caller gets RunCancelledError and records CANCELLED instead), so a run whose cancel was accepted
   * never ends SUCCEEDED, even when its work ignored the signal and finished.
   */
  async finish(runId: string, attempt: number, state: RunState, outcome: RunOutcome): Promise<PipelineRunRecord> {
    const now = new Date();
    const data = {
      ...stateData(state),
      status: outcome.status,
      finishedAt: now,
      heartbeatAt: now,
      ...(outcome.status === 'SUCCEEDED'
        ? { result: outcome.result as Prisma.InputJsonValue }
        : { error: outcome.error }),
    };
    if (outcome.status !== 'SUCCEEDED') return this.fenced(runId, attempt, data, {}, END_RETRY);
    try {
      return await this.fenced(runId, attempt, data, { cancelRequestedAt: null }, END_RETRY);
    } catch (error) {
      if (!(error instanceof RunSupersededError)) throw error;
      const run = await this.prisma.pipelineRun.findUnique({ where: { id: runId } });
      if (run?.status === 'RUNNING' && run.attempts === attempt && run.cancelRequestedAt)
        throw new RunCancelledError(runId, run.cancelReason ?? 'cancelled');
      throw error;
    }
  }

  /**
   * Ends a run nobody executes any more, if it is still as `seen`: `status` (FAILED, or CANCELLED for a run whose
   * cancel was asked for) with `reason`, or QUEUED again (`reason` null: its job waits for a worker). Its running
   * stage is closed as FAILED (CANCELLED) either way: that attempt is over. Returns the changed run, or null when it
   * had moved on (a worker took it, wrote progress, or it ended).
   */
  async settle(
    runId: string,
    seen: SeenRun,
    reason: string | null,
    status: SettledStatus = 'FAILED',
  ): Promise<PipelineRunRecord | null> {
    const current = await this.retried(() =>
      this.prisma.pipelineRun.findUnique({ where: { id: runId }, select: { stages: true, processed: true } }),
    );
    if (!current) return null;
    const now = new Date();
    const stages = closeStage(
      Array.isArray(current.stages) ? (current.stages as unknown as StageRecord[]) : [],
      reason === null ? 'FAILED' : status,
      current.processed,
      now,
    );
    const silent = seen.silentSince ? { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: seen.silentSince } }] } : {};
    try {
      const row = await this.retried(() =>
        this.prisma.pipelineRun.update({
          where: { id: runId, status: seen.status, attempts: seen.attempts, ...silent },
          data: {
            stages: stages as unknown as Prisma.InputJsonValue,
            ...(reason === null ? { status: 'QUEUED' } : { status, error: reason, finishedAt: now }),
          },
        }),
      );
      return fromRow(row);
    } catch (error) {
      if (isNoMatch(error)) return null;
      throw error;
    }
  }

  /** A write of attempt `attempt`; `also` narrows it further (`{ cancelRequestedAt: null }`: while no cancel is). */
  private async fenced(
    runId: string,
    attempt: number,
    data: Prisma.PipelineRunUpdateInput,
    also: { cancelRequestedAt?: null } = {},
    retry: RetryOptions = WRITE_RETRY,
  ): Promise<PipelineRunRecord> {
    let retried = false;
    try {
      const row = await retryTransient(
        () =>
          this.prisma.pipelineRun.update({ where: { id: runId, status: 'RUNNING', attempts: attempt, ...also }, data }),
        {
          ...retry,
          onRetry: (error, n, delayMs) => {
            retried = true;
            this.onRetry?.(error, n, delayMs);
          },
        },
      );
      return fromRow(row);
    } catch (error) {
      if (!isNoMatch(error)) throw error;
      // A write that committed but whose answer was lost with the connection is matched no more on its retry:
      // the run is already as this write made it (ended by it), not superseded.
      if (retried && typeof data.status === 'string') {
        const run = await this.retried(() => this.prisma.pipelineRun.findUnique({ where: { id: runId } }));
        if (run && run.status === data.status && run.attempts === attempt) return fromRow(run);
      }
      throw new RunSupersededError(runId, attempt);
    }
  }
}
