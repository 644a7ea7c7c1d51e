// Lost runs: a process executing a run can die without a word (SIGKILL, out of memory, a lost machine). With a
// queue, BullMQ's stalled-job detection hands the job to another worker, but only while some worker runs; the
// reaper covers the rest. Every API and worker process of the services deployment sweeps periodically: a run
// silent for PIPELINE_STALE_AFTER_MS (no heartbeat, or QUEUED that long) that no live process holds is queued
// again (its job waits for a worker) or failed with the reason, so no run stays RUNNING forever. A run whose cancel
// was asked for ends CANCELLED instead, never retried: its user wanted it stopped, and it is.
import { ErrorCode, isAppError } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../../logger.js';
import type { PipelineDispatcher } from '../../infra/queue/port.js';
import { TERMINAL_STATUSES } from './pipeline-run.record.js';
import type { PipelineService } from './pipeline.service.js';
import { LOST_BEFORE_START, workerLost } from './run-errors.js';

export interface PipelineReaperOptions {
  prisma: PrismaClient;
  pipeline: Pick<PipelineService, 'isActive' | 'settleLost' | 'get'>;
  dispatcher: Pick<PipelineDispatcher, 'presence'>;
  staleAfterMs: number;
  intervalMs: number;
  logger: Logger;
}

export interface SweepOutcome {
  failed: number;
  requeued: number;
  cancelled: number;
}

/** Runs looked at per sweep: a backlog is worked through over several sweeps, never in one long one. */
const SWEEP_LIMIT = 100;

export class PipelineReaper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly options: PipelineReaperOptions) {
    this.log = options.logger.child({ component: 'pipeline-reaper' });
  }

  /** Sweeps every `intervalMs` until stop(); a sweep still going when the next is due skips that one. */
  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.sweeping = this.sweep()
        .then((outcome) => {
          if (outcome.failed + outcome.requeued + outcome.cancelled > 0)
            this.log.warn(outcome, 'settled pipeline runs nobody executes');
        })
        .catch((error: unknown) => this.log.warn({ err: error }, 'pipeline reaper sweep failed'))
        .finally(() => (busy = false));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One pass: settles every silent run that nobody holds; returns how many it failed, queued again, cancelled. */
  async sweep(now = Date.now()): Promise<SweepOutcome> {
    const silentSince = new Date(now - this.options.staleAfterMs);
    const candidates = await this.options.prisma.pipelineRun.findMany({
      where: {
        OR: [
          { status: 'RUNNING', heartbeatAt: { lt: silentSince } },
          { status: 'RUNNING', heartbeatAt: null, startedAt: { lt: silentSince } },
          { status: 'QUEUED', createdAt: { lt: silentSince } },
        ],
      },
      select: { id: true, status: true, attempts: true, cancelRequestedAt: true, cancelReason: true },
      orderBy: { createdAt: 'asc' },
      take: SWEEP_LIMIT,
    });
    const outcome: SweepOutcome = { failed: 0, requeued: 0, cancelled: 0 };
    for (const run of candidates) {
      if (this.options.pipeline.isActive(run.id)) continue; // this process executes it: slow, not lost
      const presence = await this.options.dispatcher.presence(run.id);
      if (presence === 'held') continue;
      const seen = { status: run.status as 'QUEUED' | 'RUNNING', attempts: run.attempts, silentSince };
      if (run.cancelRequestedAt) {
        // Even with its job back in the queue: a cancelled run is not retried (a worker taking the job finds it ended).
        const reason = run.cancelReason ?? 'cancelled';
        if (await this.options.pipeline.settleLost(run.id, seen, reason, 'CANCELLED')) outcome.cancelled += 1;
      } else if (run.status === 'QUEUED') {
        if (presence === 'pending') continue; // waiting for a worker, as it should
        const reason = run.attempts > 0 ? workerLost(run.attempts - 1) : LOST_BEFORE_START;
        if (await this.options.pipeline.settleLost(run.id, seen, reason)) outcome.failed += 1;
      } else if (presence === 'pending') {
        // Its worker died and a stalled check put its job back: it will run again when a worker takes it.
        if (await this.options.pipeline.settleLost(run.id, seen, null)) outcome.requeued += 1;
      } else if (await this.options.pipeline.settleLost(run.id, seen, workerLost(run.attempts - 1))) {
        outcome.failed += 1;
      }
    }
    return outcome;
  }

  /**
   * The queue gave up on a run's job (its worker was lost more often than WORKER_MAX_STALLED allows, or executing
   * it threw): a run that did not record its own end is failed with why.
   */
  async jobFailed(runId: string, failure: { lost: boolean; message: string }): Promise<void> {
    let run;
    try {
      run = await this.options.pipeline.get(runId);
    } catch (error) {
      // A job whose run is gone has nothing to record; any other failure (the database) is the caller's to log
      // and count: the run's end is then not recorded, and the sweep settles it later.
      if (isAppError(error) && error.code === ErrorCode.NOT_FOUND) return;
      throw error;
    }
    if (TERMINAL_STATUSES.has(run.status)) return;
    const seen = { status: run.status as 'QUEUED' | 'RUNNING', attempts: run.attempts };
    if (run.cancelRequestedAt) {
      const reason = run.cancelReason ?? 'cancelled';
      if (await this.options.pipeline.settleLost(runId, seen, reason, 'CANCELLED'))
        this.log.warn({ runId, reason }, 'run cancelled');
      return;
    }
    const reason = failure.lost ? workerLost(Math.max(0, run.attempts - 1)) : `worker failed: ${failure.message}`;
    if (await this.options.pipeline.settleLost(runId, seen, reason)) this.log.warn({ runId, reason }, 'run failed');
  }
}
