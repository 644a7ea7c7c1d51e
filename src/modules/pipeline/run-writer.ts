// The database writes of one execution of a run, fenced by its attempt number: every write after the first
// matches the run only while it is RUNNING in this attempt. A process that was thought lost (its run retried by
// another worker, or failed by the reaper) therefore can never overwrite what came after it.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { fromRow, type PipelineRunRecord } from './pipeline-run.record.js';
import { RunSupersededError } from './run-errors.js';
import type { RunState } from './run-context.js';
import { closeStage, type StageRecord } from './stages.js';

/** How a run that nobody executes was last seen: settle() changes it only if it is still so. */
export interface SeenRun {
  status: 'QUEUED' | 'RUNNING';
  attempts: number;
  /** Also require no heartbeat since this instant (the run is still silent). */
  silentSince?: Date;
}

export type RunOutcome = { status: 'SUCCEEDED'; result: Record<string, unknown> } | { status: 'FAILED'; error: string };

/** Prisma's "no row matched the where of an update" (the fence did not hold). */
const isNoMatch = (error: unknown) => (error as { code?: unknown } | null)?.code === 'P2025';

const stateData = (state: RunState) => ({
  stage: state.stage,
  stages: state.stages as unknown as Prisma.InputJsonValue,
  processed: state.processed,
  total: state.total,
});

export class RunWriter {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Starts an attempt: a QUEUED run, or a RUNNING one whose earlier attempt was lost, becomes RUNNING here with
   * fresh progress and one more attempt. Returns null when the run has ended (or does not exist): nothing to do.
   */
  async begin(runId: string, workerId: string): Promise<PipelineRunRecord | null> {
    const now = new Date();
    try {
      const row = await this.prisma.pipelineRun.update({
        where: { id: runId, status: { in: ['QUEUED', 'RUNNING'] } },
        data: {
          status: 'RUNNING',
          startedAt: now,
          heartbeatAt: now,
          attempts: { increment: 1 },
          workerId,
          error: null,
          ...stateData({ stage: null, stages: [], processed: 0, total: null }),
        },
      });
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

  /** Records the end of attempt `attempt`. */
  finish(runId: string, attempt: number, state: RunState, outcome: RunOutcome): Promise<PipelineRunRecord> {
    const now = new Date();
    return this.fenced(runId, attempt, {
      ...stateData(state),
      status: outcome.status,
      finishedAt: now,
      heartbeatAt: now,
      ...(outcome.status === 'SUCCEEDED'
        ? { result: outcome.result as Prisma.InputJsonValue }
        : { error: outcome.error }),
    });
  }

  /**
   * Ends a run nobody executes any more, if it is still as `seen`: FAILED with `reason`, or QUEUED again (`reason`
   * null: its job waits for a worker). Its running stage is closed as FAILED either way: that attempt is over.
   * Returns the changed run, or null when it had moved on (a worker took it, wrote progress, or it ended).
   */
  async settle(runId: string, seen: SeenRun, reason: string | null): Promise<PipelineRunRecord | null> {
    const current = await this.prisma.pipelineRun.findUnique({
      where: { id: runId },
      select: { stages: true, processed: true },
    });
    if (!current) return null;
    const now = new Date();
    const stages = closeStage(
      Array.isArray(current.stages) ? (current.stages as unknown as StageRecord[]) : [],
      'FAILED',
      current.processed,
      now,
    );
    const silent = seen.silentSince ? { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: seen.silentSince } }] } : {};
    const { count } = await this.prisma.pipelineRun.updateMany({
      where: { id: runId, status: seen.status, attempts: seen.attempts, ...silent },
      data: {
        stages: stages as unknown as Prisma.InputJsonValue,
        ...(reason === null ? { status: 'QUEUED' } : { status: 'FAILED', error: reason, finishedAt: now }),
      },
    });
    if (count === 0) return null;
    const row = await this.prisma.pipelineRun.findUnique({ where: { id: runId } });
    return row && fromRow(row);
  }

  private async fenced(
    runId: string,
    attempt: number,
    data: Prisma.PipelineRunUpdateInput,
  ): Promise<PipelineRunRecord> {
    try {
      const row = await this.prisma.pipelineRun.update({
        where: { id: runId, status: 'RUNNING', attempts: attempt },
        data,
      });
      return fromRow(row);
    } catch (error) {
      if (isNoMatch(error)) throw new RunSupersededError(runId, attempt);
      throw error;
    }
  }
}
