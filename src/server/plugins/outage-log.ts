// An outage is logged as one story, not one stack trace per request: a warning when the first request fails because
// a dependency cannot be reached, then silence while it lasts, then one line when no request has failed for it for
// QUIET_MS, with how many requests it affected and for how long. Per process and per dependency.
import type { Logger } from '../../logger.js';

/** How long without a failure before an outage is reported over. */
export const QUIET_MS = 5_000;

interface Outage {
  startedAt: number;
  lastAt: number;
  affected: number;
  timer: NodeJS.Timeout;
}

export class OutageLog {
  private readonly open = new Map<string, Outage>();

  constructor(
    private readonly quietMs = QUIET_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A request failed because `dependency` could not be reached. */
  report(logger: Logger, dependency: string, cause: unknown): void {
    const at = this.now();
    const outage = this.open.get(dependency);
    if (outage) {
      outage.affected += 1;
      outage.lastAt = at;
      outage.timer.refresh();
      return;
    }
    logger.warn(
      { err: cause, dependency },
      `${dependency} cannot be reached: requests that need it are answered UNAVAILABLE until it is back`,
    );
    const timer = setTimeout(() => this.close(logger, dependency), this.quietMs);
    timer.unref();
    this.open.set(dependency, { startedAt: at, lastAt: at, affected: 1, timer });
  }

  /** Dependencies with an outage in progress (for tests and probes). */
  get current(): string[] {
    return [...this.open.keys()];
  }

  private close(logger: Logger, dependency: string): void {
    const outage = this.open.get(dependency);
    if (!outage) return;
    // A timer refreshed by the last failure fires QUIET_MS after it; a late run of it still measures from then.
    if (this.now() - outage.lastAt < this.quietMs) {
      outage.timer.refresh();
      return;
    }
    this.open.delete(dependency);
    logger.info(
      { dependency, affected: outage.affected, durationMs: outage.lastAt - outage.startedAt },
      `${dependency} outage over: no request failed for it for ${this.quietMs / 1000} s ` +
        `(${outage.affected} request(s) answered UNAVAILABLE)`,
    );
  }
}
