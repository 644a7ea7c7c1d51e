// Pipeline runs: records every run in the database (status, stages, counts, errors, timestamps) and publishes
// each recorded change, so subscribers anywhere see what the database sees. Work runs in this process here;
// distributed execution reuses `execute` from a worker.
import { randomUUID } from 'node:crypto';
import type { PrismaClient, Prisma } from '../../generated/prisma/client.js';
import type { AppPubSub } from '../../infra/pubsub/index.js';
import type { Logger } from '../../logger.js';
import { badInput, isAppError, notFound } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import {
  fromRow,
  fromSnapshot,
  TERMINAL_STATUSES,
  toSnapshot,
  type PipelineKind,
  type PipelineRunRecord,
} from './pipeline-run.record.js';
import type { ProgressReporter } from './progress-reporter.js';
import { RunContext, type RunState } from './run-context.js';

export type RunResult = Record<string, unknown> | void;
export type PipelineWork = (run: ProgressReporter & { runId: string; log: Logger }) => Promise<RunResult>;

export interface PipelineServiceOptions {
  prisma: PrismaClient;
  pubsub: AppPubSub;
  logger: Logger;
  flushIntervalMs?: number;
  workerId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ERROR_LENGTH = 2_000;
const LIST_ORDER = 'created_desc';

export function assertRunId(id: string): void {
  if (!UUID.test(id)) throw badInput(`"${id}" is not a pipeline run id: expected a UUID`, { argument: 'id' });
}

export class PipelineService {
  private readonly prisma: PrismaClient;
  private readonly pubsub: AppPubSub;
  private readonly logger: Logger;
  private readonly flushIntervalMs: number;
  readonly workerId: string;
  private readonly active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  constructor(options: PipelineServiceOptions) {
    this.prisma = options.prisma;
    this.pubsub = options.pubsub;
    this.logger = options.logger.child({ module: 'pipeline' });
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.workerId = options.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  async create(kind: PipelineKind, params: Record<string, unknown> = {}): Promise<PipelineRunRecord> {
    const row = await this.prisma.pipelineRun.create({ data: { kind, params: params as Prisma.InputJsonValue } });
    const run = fromRow(row);
    this.publish(run);
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

  /** Newest first; `take` runs after the cursor `after`, optionally of one kind. */
  async list(options: { take: number; after?: string | null; kind?: PipelineKind | null }) {
    let position = {};
    if (options.after) {
      const [createdAt, id] = decodeCursor(options.after, LIST_ORDER, 2);
      if (
        typeof createdAt !== 'string' ||
        typeof id !== 'string' ||
        Number.isNaN(Date.parse(createdAt)) ||
        !UUID.test(id)
      ) {
        throw badInput('Invalid cursor in "after": its position is malformed', { argument: 'after' });
      }
      const at = new Date(createdAt);
      position = { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
    }
    const kind = options.kind ? { kind: options.kind } : {};
    const rows = await this.prisma.pipelineRun.findMany({
      where: { ...kind, ...position },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.take,
    });
    return {
      rows: rows.map(fromRow),
      cursorOf: (run: PipelineRunRecord) => encodeCursor(LIST_ORDER, [run.createdAt.toISOString(), run.id]),
      count: () => this.prisma.pipelineRun.count({ where: kind }),
    };
  }

  /**
   * The run as it is now, then every recorded change until it ends. Subscribes before reading, so no change
   * between the read and the subscription is lost; a run that already ended yields once and completes.
   */
  async *watch(id: string): AsyncGenerator<PipelineRunRecord> {
    assertRunId(id);
    const updates = this.pubsub.subscribe('pipelineRunUpdated', id);
    // Repeaters are lazy: asking for the first update now is what subscribes, before the read below.
    let next = updates.next();
    try {
      const current = await this.get(id);
      yield current;
      if (TERMINAL_STATUSES.has(current.status)) return;
      let seenAt = recordedAt(current);
      for (;;) {
        const update = await next;
        if (update.done) return;
        next = updates.next();
        const run = fromSnapshot(update.value);
        // A change recorded before the read above may arrive after it: it is older than what was sent.
        if (recordedAt(run) < seenAt) continue;
        seenAt = recordedAt(run);
        yield run;
        if (TERMINAL_STATUSES.has(run.status)) return;
      }
    } finally {
      await updates.return?.();
    }
  }

  /** Creates a run and executes it in the background of this process; returns the QUEUED run at once. */
  async start(kind: PipelineKind, params: Record<string, unknown>, work: PipelineWork): Promise<PipelineRunRecord> {
    const run = await this.create(kind, params);
    const done = this.execute(run.id, work).catch((error: unknown) =>
      this.logger.error({ err: error, runId: run.id }, 'pipeline run could not be recorded'),
    );
    void done;
    return run;
  }

  /** Executes `work` as run `runId` (QUEUED → RUNNING → SUCCEEDED | FAILED) and resolves with the final run. */
  async execute(runId: string, work: PipelineWork): Promise<PipelineRunRecord> {
    const controller = new AbortController();
    const log = this.logger.child({ runId });
    const context = new RunContext(
      runId,
      log,
      controller.signal,
      (state) => this.record(runId, state),
      this.flushIntervalMs,
    );

    const done = (async () => {
      try {
        const started = await this.prisma.pipelineRun.update({
          where: { id: runId },
          data: {
            status: 'RUNNING',
            startedAt: new Date(),
            heartbeatAt: new Date(),
            attempts: { increment: 1 },
            workerId: this.workerId,
            error: null,
          },
        });
        this.publish(fromRow(started));
        controller.signal.throwIfAborted();
        const result = await work(Object.assign(context, { runId, log }));
        // Work that honoured the signal by returning early did not finish: it must not be recorded as a success.
        controller.signal.throwIfAborted();
        await context.settled();
        return await this.finish(runId, context.finish('SUCCEEDED'), { status: 'SUCCEEDED', result: result ?? {} });
      } catch (error) {
        await context.settled().catch(() => undefined);
        const reason = controller.signal.aborted ? 'interrupted: the server shut down during the run' : describe(error);
        if (!isAppError(error) && !controller.signal.aborted) log.error({ err: error }, 'pipeline run failed');
        else log.warn({ reason }, 'pipeline run failed');
        return await this.finish(runId, context.finish('FAILED'), { status: 'FAILED', error: reason });
      }
    })();
    // Registered before the first await, so shutdown() and waitFor() see the run from the moment it exists.
    this.active.set(runId, { controller, done });
    try {
      return await done;
    } finally {
      this.active.delete(runId);
    }
  }

  /** Runs left RUNNING or QUEUED by a process that stopped (embedded mode: nothing else could own them). */
  async failInterrupted(reason = 'interrupted: the process running it stopped'): Promise<number> {
    const stale = await this.prisma.pipelineRun.findMany({
      where: { status: { in: ['RUNNING', 'QUEUED'] } },
      select: { id: true },
    });
    let failed = 0;
    for (const { id } of stale) {
      // Conditional: a run that ended since the read keeps its real outcome.
      const { count } = await this.prisma.pipelineRun.updateMany({
        where: { id, status: { in: ['RUNNING', 'QUEUED'] } },
        data: { status: 'FAILED', error: reason, finishedAt: new Date() },
      });
      if (count === 0) continue;
      failed += 1;
      this.publish(await this.get(id));
    }
    return failed;
  }

  /** Asks every run of this process to stop and waits for them to record their end. */
  async shutdown(): Promise<void> {
    for (const { controller } of this.active.values()) controller.abort();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Resolves when the run reaches a terminal status (for the CLI and tests). */
  async waitFor(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
  }

  private async record(runId: string, state: RunState): Promise<void> {
    const row = await this.prisma.pipelineRun.update({
      where: { id: runId },
      data: {
        stage: state.stage,
        stages: state.stages as unknown as Prisma.InputJsonValue,
        processed: state.processed,
        total: state.total,
        heartbeatAt: new Date(),
      },
    });
    this.publish(fromRow(row));
  }

  private async finish(
    runId: string,
    state: RunState,
    outcome: { status: 'SUCCEEDED'; result: Record<string, unknown> } | { status: 'FAILED'; error: string },
  ): Promise<PipelineRunRecord> {
    const row = await this.prisma.pipelineRun.update({
      where: { id: runId },
      data: {
        status: outcome.status,
        stage: state.stage,
        stages: state.stages as unknown as Prisma.InputJsonValue,
        processed: state.processed,
        total: state.total,
        finishedAt: new Date(),
        heartbeatAt: new Date(),
        ...(outcome.status === 'SUCCEEDED'
          ? { result: outcome.result as Prisma.InputJsonValue }
          : { error: outcome.error }),
      },
    });
    const run = fromRow(row);
    this.publish(run);
    return run;
  }

  private publish(run: PipelineRunRecord): void {
    this.pubsub.publish('pipelineRunUpdated', run.id, toSnapshot(run));
  }
}

const recordedAt = (run: PipelineRunRecord) => (run.finishedAt ?? run.heartbeatAt ?? run.createdAt).getTime();

function describe(error: unknown): string {
  const message = isAppError(error)
    ? error.message
    : error instanceof Error
      ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
      : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}
