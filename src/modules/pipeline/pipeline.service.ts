// Pipeline runs: records every run in the database (status, stages, counts, errors, timestamps) and publishes
// each recorded change, so subscribers anywhere see what the database sees. A run is submitted by kind and handed
// to a dispatcher: this process executes it (inline), or a BullMQ worker does (queue), through the same handler
// registered for its kind; `execute` is what either calls, and what CLI commands call directly.
import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../../access/index.js';
import type { PrismaClient, PipelineRun as PipelineRunRow } from '../../generated/prisma/client.js';
import type { AppPubSub } from '../../infra/pubsub/index.js';
import { announceActivity } from '../events/index.js';
import { QueueUnavailableError } from '../../infra/queue/index.js';
import type { Logger } from '../../logger.js';
import { badInput, notFound, unavailable } from '../../errors.js';
import { encodeKey, fetchCount, fetchPage, type Page } from '../../lib/keyset/index.js';
import { InProcessDispatcher } from './in-process-dispatcher.js';
import type { PipelineDispatcher } from '../../infra/queue/port.js';
import { HandlerRegistry, type PipelineHandler, type PipelineWork } from './pipeline-handlers.js';
import { fromRow, toSnapshot, type PipelineKind, type PipelineRunRecord } from './pipeline-run.record.js';
import {
  PIPELINE_RUNS_FROM,
  pipelineRunListQuery,
  pipelineRunSource,
  type PipelineRunListRequest,
} from './pipeline-runs.query.js';
import { insertRun } from './run-admission.js';
import { RunCancellation, type CancelRequest } from './run-cancellation.js';
import { watchRun } from './run-watch.js';
import { notDispatched } from './run-errors.js';
import { describeError, RunExecutor, SHUTDOWN_REASON, type InterruptMode } from './run-executor.js';
import { RunWriter, type SeenRun, type SettledStatus } from './run-writer.js';

export type { PipelineHandler, PipelineWork, RunHandle, RunResult } from './pipeline-handlers.js';
export type { PipelineRunListRequest } from './pipeline-runs.query.js';

/** A page of runs, with the cursor of any of them and the count of the whole filtered list. */
export interface PipelineRunPage extends Page<PipelineRunRecord> {
  readonly cursorOf: (run: PipelineRunRecord) => string;
  readonly count: () => Promise<number>;
}

export interface PipelineServiceOptions {
  prisma: PrismaClient;
  pubsub: AppPubSub;
  logger: Logger;
  flushIntervalMs?: number;
  /** How often a running run writes its heartbeat when nothing else was written (default 10 s). */
  heartbeatMs?: number;
  /** Names this process in the runs it executes. */
  workerId?: string;
  /** Who executes submitted runs; default: this process (inline). */
  dispatcher?: PipelineDispatcher;
  /** Runs one user may have queued or running at once (default 2). */
  maxActiveRunsPerUser?: number;
}

/** What a caller whose run could not be queued is told to wait before trying again. */
const QUEUE_RETRY_AFTER_SECONDS = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertRunId(id: string): void {
  if (!UUID.test(id)) throw badInput(`"${id}" is not a pipeline run id: expected a UUID`, { argument: 'id' });
}

export class PipelineService {
  private readonly prisma: PrismaClient;
  private readonly pubsub: AppPubSub;
  private readonly logger: Logger;
  private readonly writer: RunWriter;
  private readonly executor: RunExecutor;
  private readonly cancellation: RunCancellation;
  private readonly handlers = new HandlerRegistry();
  readonly dispatcher: PipelineDispatcher;
  readonly workerId: string;
  private readonly maxActiveRunsPerUser: number;

  constructor(options: PipelineServiceOptions) {
    this.prisma = options.prisma;
    this.pubsub = options.pubsub;
    this.logger = options.logger.child({ module: 'pipeline' });
    this.workerId = options.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.maxActiveRunsPerUser = options.maxActiveRunsPerUser ?? 2;
    this.writer = new RunWriter(options.prisma, (error, attempt, delayMs) =>
      this.logger.warn({ err: error, attempt, delayMs }, 'recording a pipeline run failed (database away): retrying'),
    );
    this.executor = new RunExecutor({
      writer: this.writer,
      publish: (run) => this.publish(run),
      get: (runId) => this.get(runId),
      logger: this.logger,
      workerId: this.workerId,
      flushIntervalMs: options.flushIntervalMs ?? 250,
      heartbeatMs: options.heartbeatMs ?? 10_000,
      listenForCancel: (runId, onCancel) => this.cancellation.listen(runId, onCancel),
      // Handed back, a run is executed again only where a queue hands it to a worker.
      requeuesTransientFailures: () => this.dispatcher.mode === 'queue',
    });
    this.dispatcher =
      options.dispatcher ??
      new InProcessDispatcher({
        executeInBackground: (run) =>
          this.executor.background(run.id, (handle) => this.handlers.get(run.kind)(run.params, handle)),
        isActive: (runId) => this.executor.isActive(runId),
      });
    this.cancellation = new RunCancellation({
      prisma: options.prisma,
      pubsub: options.pubsub,
      logger: this.logger,
      dispatcher: this.dispatcher,
      publish: (run) => this.publish(run),
    });
  }

  /** What executes runs of `kind` (see pipeline-handlers.ts). */
  registerHandler(kind: PipelineKind, handler: PipelineHandler): void {
    this.handlers.register(kind, handler);
  }

  /** Records a QUEUED run started by `startedBy` (RATE_LIMITED when that user is at their cap). */
  async create(kind: PipelineKind, params: Record<string, unknown>, startedBy: Actor): Promise<PipelineRunRecord> {
    const { run: row, recorded } = await insertRun(this.prisma, kind, params, startedBy, this.maxActiveRunsPerUser);
    const run = fromRow(row);
    this.publish(run);
    announceActivity(this.pubsub, recorded);
    return run;
  }

  async get(id: string): Promise<PipelineRunRecord> {
    assertRunId(id);
    const row = await this.prisma.pipelineRun.findUnique({ where: { id } });
    if (!row) throw notFound(`no pipeline run with id "${id}"`, { argument: 'id' });
    return fromRow(row);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, PipelineRunRecord>> {
    const rows = await this.prisma.pipelineRun.findMany({ where: { id: { in: [...ids] } } });
    return new Map(rows.map((row) => [row.id, fromRow(row)]));
  }

  /**
   * Newest first, filtered and paged as `request` says (pipeline-runs.query.ts), through the shared keyset
   * statements: both directions, exact hasNextPage/hasPreviousPage. `cursorOf` gives any listed run's cursor;
   * `count` counts the whole filtered list, only when called.
   */
  async list(request: PipelineRunListRequest = {}): Promise<PipelineRunPage> {
    const query = pipelineRunListQuery(request);
    const page = await fetchPage(this.prisma, pipelineRunSource(query), query.plan, (row) =>
      fromRow(row as unknown as PipelineRunRow),
    );
    return {
      ...page,
      cursorOf: (run) => encodeKey(query.plan.ordering, [run.createdAt, run.id]),
      count: () => fetchCount(this.prisma, { from: PIPELINE_RUNS_FROM, where: query.where }),
    };
  }

  /** The run as it is now, then every recorded change until it ends (see run-watch.ts). */
  async *watch(id: string): AsyncGenerator<PipelineRunRecord> {
    assertRunId(id);
    yield* watchRun(this.pubsub, (runId) => this.get(runId), id);
  }

  /**
   * Records a QUEUED run of `kind` and hands it to the dispatcher: executed by this process (inline) or by a worker
   * (queue), with the handler registered for `kind`. Returns the QUEUED run at once. A run the dispatcher could not
   * take (Redis down) is recorded FAILED and the call rejects: nothing is left QUEUED that nobody will execute.
   */
  async submit(kind: PipelineKind, params: Record<string, unknown>, startedBy: Actor): Promise<PipelineRunRecord> {
    this.handlers.get(kind); // a kind nothing can execute is a wiring mistake: fail before recording anything
    const run = await this.create(kind, params, startedBy);
    try {
      await this.dispatcher.dispatch(run);
    } catch (error) {
      // Nothing half-created: the run is recorded as not queued (never left QUEUED without a job), and the caller
      // is told to retry. A job that reaches the queue anyway later finds its run ended and executes nothing.
      await this.settleLost(run.id, { status: 'QUEUED', attempts: 0 }, notDispatched(describeError(error)));
      if (error instanceof QueueUnavailableError)
        throw unavailable(
          `the pipeline queue (Redis) cannot take runs right now: run ${run.id} was not started; retry in ` +
            `${QUEUE_RETRY_AFTER_SECONDS} s`,
          QUEUE_RETRY_AFTER_SECONDS,
          { runId: run.id },
        );
      throw error;
    }
    return run;
  }

  /** Executes the stored run `runId` with its kind's handler (a worker's job); resolves with the final run. */
  async executeStored(runId: string): Promise<PipelineRunRecord> {
    const run = await this.get(runId);
    return this.execute(run.id, (handle) => this.handlers.get(run.kind)(run.params, handle));
  }

  /**
   * Executes `work` as run `runId` (QUEUED → RUNNING → SUCCEEDED | FAILED) and resolves with the final run. A run
   * left RUNNING by a lost attempt starts again from scratch (one more attempt); a run that already ended is
   * returned as it is, unexecuted.
   */
  execute(runId: string, work: PipelineWork): Promise<PipelineRunRecord> {
    return this.executor.execute(runId, work);
  }

  /**
   * Cancels run `id` on behalf of `by` (who asked, e.g. "API request <id>"), with an optional `reason`. A QUEUED
   * run ends CANCELLED at once (its queued job is withdrawn); a RUNNING one gets a recorded cancel request,
   * announced to whichever process executes it, and ends CANCELLED once its work stops. Returns the run as
   * recorded: CANCELLED, or RUNNING with `cancelRequestedAt`. CONFLICT for a run that already ended.
   */
  async cancel(id: string, request: CancelRequest & { actor: Actor }): Promise<PipelineRunRecord> {
    assertRunId(id);
    // Members cancel only runs they started (the policy's pipeline.cancel rule); admins and the system any.
    const run = await this.prisma.pipelineRun.findUnique({ where: { id }, select: { startedBy: true } });
    authorize(request.actor, 'pipeline.cancel', { owner: run?.startedBy ?? null });
    return await this.cancellation.cancel(id, request);
  }

  /**
   * Runs left RUNNING or QUEUED by a process that stopped (embedded mode: nothing else could own them): FAILED
   * with `reason`, or CANCELLED as asked when a cancel was requested before the stop.
   */
  async failInterrupted(reason = 'interrupted: the process running it stopped'): Promise<number> {
    const stale = await this.prisma.pipelineRun.findMany({
      where: { status: { in: ['RUNNING', 'QUEUED'] } },
      select: { id: true, status: true, attempts: true, cancelRequestedAt: true, cancelReason: true },
    });
    let failed = 0;
    for (const run of stale) {
      const seen = { status: run.status as SeenRun['status'], attempts: run.attempts };
      const settled = run.cancelRequestedAt
        ? await this.settleLost(run.id, seen, run.cancelReason ?? reason, 'CANCELLED')
        : await this.settleLost(run.id, seen, reason);
      if (settled) failed += 1;
    }
    return failed;
  }

  /**
   * Ends a run nobody executes any more, only while it is still as `seen` (a run that ended or moved on since
   * keeps its real state): `status` (FAILED, or CANCELLED) with `reason`, or QUEUED again with `reason` null (its
   * job waits for a worker). Returns whether it changed.
   */
  async settleLost(
    runId: string,
    seen: SeenRun,
    reason: string | null,
    status: SettledStatus = 'FAILED',
  ): Promise<boolean> {
    const settled = await this.writer.settle(runId, seen, reason, status);
    if (settled) this.publish(settled);
    return settled !== null;
  }

  /** Whether this process is executing `runId` now. */
  isActive(runId: string): boolean {
    return this.executor.isActive(runId);
  }

  /**
   * Asks every run of this process to stop and waits until each has recorded its end: FAILED with `reason`, or
   * (`requeue`: a stopping worker) QUEUED again, for its job to be handed back to the queue.
   */
  shutdown(reason = SHUTDOWN_REASON, mode: InterruptMode = 'fail'): Promise<void> {
    return this.executor.shutdown(reason, mode);
  }

  /** Resolves when the run reaches a terminal status (for the CLI and tests). */
  waitFor(runId: string): Promise<void> {
    return this.executor.waitFor(runId);
  }

  private publish(run: PipelineRunRecord): void {
    this.pubsub.publish('pipelineRunUpdated', run.id, toSnapshot(run));
  }
}
