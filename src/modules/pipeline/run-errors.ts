// Why a run ended without its work saying so, as recorded in its `error`. Operators and dashboards match on the
// leading words ("worker lost", "interrupted", "cancelled by"), so they are stable.

/** The process executing the run stopped (killed, out of memory, machine lost) and the run was not taken over. */
export function workerLost(retries: number): string {
  return `worker lost: the process executing the run stopped (retried ${retries} time${retries === 1 ? '' : 's'})`;
}

/** A QUEUED run that no process executes and no queue holds: its creator stopped before handing it over. */
export const LOST_BEFORE_START = 'lost before it started: the process that created it stopped before handing it over';

/** The run could not be handed to the queue (Redis unreachable): nothing will execute it. */
export const notDispatched = (reason: string) => `not queued: ${reason}`;

/**
 * Thrown by a write of an execution that no longer owns its run: another attempt took it over (a worker thought
 * lost, then retried) or it was failed as lost. That execution stops without writing anything more. It is also the
 * reason its signal is aborted with, so it is named AbortError for the reason RunCancelledError is (below).
 */
export class RunSupersededError extends Error {
  override readonly name = 'AbortError';
  constructor(runId: string, attempt: number) {
    super(`pipeline run ${runId}: attempt ${attempt} no longer owns the run (retried or failed elsewhere)`);
  }
}

/**
 * Who asked for a cancel and why, as recorded with the request (`cancel_reason`) and, once the run ends, as its
 * `error`: "cancelled by <who>" or "cancelled by <who>: <why>".
 */
export const cancelledBy = (who: string, why: string | null) => `cancelled by ${who}${why ? `: ${why}` : ''}`;

/**
 * What a run's signal is aborted with when a cancel was asked for: its work stops and the run ends CANCELLED. Named
 * AbortError, as DOMException aborts are, because libraries tell an abort from a failure by that name: Octokit
 * would otherwise take a cancelled request for a network failure and retry it with backoff (GitHub ingestion).
 */
export class RunCancelledError extends Error {
  override readonly name = 'AbortError';
  constructor(
    runId: string,
    /** The recorded cancel (cancelledBy): the run's `error` once it ends. */
    readonly reason: string,
  ) {
    super(`pipeline run ${runId}: ${reason}`);
  }
}
