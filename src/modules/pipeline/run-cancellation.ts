// Cancelling a run. A QUEUED run ends CANCELLED at once (nobody executes it yet; its waiting job is withdrawn). A
// RUNNING run gets a durable cancel request (cancel_requested_at, cancel_reason), announced on the pubsub topic
// `pipelineRunCancelRequested`, which the executor of the run listens to in whichever process runs it; that
// executor also reads the request back at each progress or heartbeat write, so a lost announcement (a Redis blip)
// delays the cancel by one heartbeat at most. Every write is fenced by the status it was decided on: a run that a
// worker began, or that ended, in the meantime is never overwritten; the decision is taken again.
import { AppError, ErrorCode, badInput, notFound } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AppPubSub } from '../../infra/pubsub/index.js';
import type { Logger } from '../../logger.js';
import type { PipelineDispatcher } from '../../infra/queue/port.js';
import { fromRow, TERMINAL_STATUSES, type PipelineRunRecord } from './pipeline-run.record.js';
import { cancelledBy } from './run-errors.js';
import { isNoMatch } from './run-writer.js';

/** Who asks (e.g. "API request <request id>") and, optionally, why. */
export interface CancelRequest {
  by: string;
  reason?: string | null;
}

export interface RunCancellationOptions {
  prisma: PrismaClient;
  pubsub: AppPubSub;
  logger: Logger;
  dispatcher: Pick<PipelineDispatcher, 'withdraw'>;
  /** Publishes a recorded change of a run on `pipelineRunUpdated`. */
  publish(run: PipelineRunRecord): void;
}

type Decision =
  | { action: 'cancelled'; run: PipelineRunRecord }
  /** `first`: this call recorded the request (a repeated cancel keeps the first one, and announces it again). */
  | { action: 'requested'; run: PipelineRunRecord; first: boolean };

/** Status changes tolerated while deciding (QUEUED → RUNNING → ended); more means something is badly wrong. */
const MAX_TRIES = 3;
const MAX_REASON_LENGTH = 500;

export class RunCancellation {
  constructor(private readonly options: RunCancellationOptions) {}

  /** Cancels run `runId`; NOT_FOUND for no such run, CONFLICT for one that already ended. */
  async cancel(runId: string, request: CancelRequest): Promise<PipelineRunRecord> {
    const decision = await this.record(runId, cancelledBy(request.by, reasonOf(request.reason)));
    const { run } = decision;
    if (decision.action === 'cancelled') {
      this.options.publish(run);
      // Tidiness only: a worker that takes the job anyway finds its run ended and executes nothing.
      await this.options.dispatcher
        .withdraw?.(runId)
        .catch((error: unknown) => this.options.logger.warn({ err: error, runId }, 'could not withdraw the job'));
    } else {
      if (decision.first) this.options.publish(run);
      this.options.pubsub.publish('pipelineRunCancelRequested', runId, { reason: run.cancelReason ?? 'cancelled' });
    }
    this.options.logger.info({ runId, action: decision.action, reason: run.cancelReason }, 'pipeline run cancel');
    return run;
  }

  /** Calls `onCancel` for each cancel of `runId` announced by any process; returns what stops listening. */
  listen(runId: string, onCancel: (reason: string) => void): () => void {
    const requests = this.options.pubsub.subscribe('pipelineRunCancelRequested', runId);
    // The loop's first next() subscribes, synchronously (repeaters are lazy); return() ends the loop.
    void (async () => {
      for await (const request of requests) onCancel(request.reason);
    })().catch((error: unknown) => this.options.logger.warn({ err: error, runId }, 'cancel announcements stopped'));
    return () => void requests.return?.();
  }

  private async record(runId: string, reason: string): Promise<Decision> {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const row = await this.options.prisma.pipelineRun.findUnique({ where: { id: runId } });
      if (!row) throw notFound(`no pipeline run with id "${runId}"`, { argument: 'id' });
      const run = fromRow(row);
      if (TERMINAL_STATUSES.has(run.status)) throw alreadyEnded(run);
      if (run.status === 'RUNNING' && run.cancelRequestedAt) return { action: 'requested', run, first: false };
      const decision = await this.decide(run, reason);
      if (decision) return decision;
    }
    throw new AppError(
      ErrorCode.CONFLICT,
      `pipeline run ${runId} kept changing while it was being cancelled: try again`,
    );
  }

  /** The fenced write for the run as read; null when it changed since (a worker began it, or it ended). */
  private async decide(run: PipelineRunRecord, reason: string): Promise<Decision | null> {
    const { prisma } = this.options;
    const now = new Date();
    try {
      if (run.status === 'QUEUED') {
        // A run handed back to the queue may carry an earlier request: that one stands.
        const [at, why] = [run.cancelRequestedAt ?? now, run.cancelReason ?? reason];
        const row = await prisma.pipelineRun.update({
          where: { id: run.id, status: 'QUEUED' },
          data: { status: 'CANCELLED', finishedAt: now, cancelRequestedAt: at, cancelReason: why, error: why },
        });
        return { action: 'cancelled', run: fromRow(row) };
      }
      const row = await prisma.pipelineRun.update({
        where: { id: run.id, status: 'RUNNING', cancelRequestedAt: null },
        data: { cancelRequestedAt: now, cancelReason: reason },
      });
      return { action: 'requested', run: fromRow(row), first: true };
    } catch (error) {
      if (isNoMatch(error)) return null;
      throw error;
    }
  }
}

/** The caller's reason, trimmed; absent is fine, blank or overlong is a mistake worth saying. */
function reasonOf(reason: string | null | undefined): string | null {
  if (reason === undefined || reason === null) return null;
  const trimmed = reason.trim();
  if (trimmed.length === 0)
    throw badInput('"reason" is blank: say in a few words why the run is cancelled, or leave it out', {
      argument: 'reason',
    });
  if (trimmed.length > MAX_REASON_LENGTH)
    throw badInput(`"reason" is ${trimmed.length} characters long: at most ${MAX_REASON_LENGTH} are kept`, {
      argument: 'reason',
    });
  return trimmed;
}

function alreadyEnded(run: PipelineRunRecord): AppError {
  return new AppError(
    ErrorCode.CONFLICT,
    `pipeline run ${run.id} has already ended (${run.status}): only QUEUED or RUNNING runs can be cancelled`,
    { argument: 'id', status: run.status },
  );
}
