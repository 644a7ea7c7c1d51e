// Retention of the event log: every EVENT_RETENTION_INTERVAL_MS one process (whichever takes the advisory lock:
// any number of API and worker processes may run this) deletes events older than EVENT_RETENTION_DAYS, in batches
// so no statement holds locks on a large log for long. What it did is logged and counted (/metrics).
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../../logger.js';

const BATCH = 10_000;
const LOCK = 'events:retention';
const FIRST_RUN_AFTER_MS = 300_000;

export interface RetentionOptions {
  retentionDays: number;
  intervalMs: number;
  logger: Logger;
  now?: () => Date;
}

export class EventRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  /** Events deleted by this process since it started. */
  deleted = 0;
  lastRunAt: Date | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    // Not at once: a process that restarts often would purge at every start, and a fresh process has better
    // things to do first. The first run comes after at most five minutes, then one per interval.
    const first = Math.min(this.options.intervalMs, FIRST_RUN_AFTER_MS);
    this.timer = setTimeout(() => {
      void this.runOnce().catch(() => undefined);
      this.timer = setInterval(() => void this.runOnce().catch(() => undefined), this.options.intervalMs);
      this.timer.unref();
    }, first);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Deletes what is past retention now; returns how many (0 when another process holds the lock). */
  runOnce(): Promise<number> {
    this.running ??= this.purge().finally(() => (this.running = null));
    return this.running;
  }

  private async purge(): Promise<number> {
    const now = this.options.now?.() ?? new Date();
    const cutoff = new Date(now.getTime() - this.options.retentionDays * 86_400_000);
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.prisma.$transaction(async (tx) => {
          const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`
            SELECT pg_try_advisory_xact_lock(hashtext(${LOCK})) AS locked`;
          if (!lock?.locked) return -1;
          return tx.$executeRaw`
            DELETE FROM events WHERE id IN (
              SELECT id FROM events WHERE occurred_at < ${cutoff}::timestamp(3) ORDER BY occurred_at LIMIT ${BATCH})`;
        });
        if (deleted < 0) break;
        total += deleted;
        if (deleted < BATCH) break;
      }
      this.deleted += total;
      this.lastRunAt = now;
      if (total > 0)
        this.options.logger.info(
          { deleted: total, cutoff: cutoff.toISOString(), retentionDays: this.options.retentionDays },
          'events past retention deleted',
        );
      return total;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'event retention failed; it runs again at the next interval');
      throw error;
    }
  }
}
