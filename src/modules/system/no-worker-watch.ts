// The API's guard against silent waiting (queue execution): runs submitted while no worker process is connected
// sit QUEUED until one starts, and nothing else tells anyone. Every few seconds this reads the queue's health; once
// runs have waited with zero workers for `warnAfterMs` it logs one warning for the episode (how many runs wait,
// and the command that starts a worker), and one line when the episode ends. Started by API processes only: a
// worker process is itself the cure. While an episode is on, `warning` says so (serverInfo, /ready).
import type { Logger } from '../../logger.js';
import type { PipelineHealth } from '../../infra/queue/port.js';

export const START_WORKER_COMMAND = 'npm run worker';
const MAX_CHECK_INTERVAL_MS = 5_000;
const MIN_CHECK_INTERVAL_MS = 100;

export interface NoWorkerWatchOptions {
  read(): Promise<PipelineHealth>;
  /** How long runs may wait with no worker before the warning; 0 turns the watch off. */
  warnAfterMs: number;
  logger: Logger;
  now?: () => number;
}

const runs = (count: number) => `${count} pipeline run${count === 1 ? '' : 's'}`;

export class NoWorkerWatch {
  private readonly log: Logger;
  private readonly now: () => number;
  /** When this process first saw runs waiting and no worker, in the current episode. */
  private strandedSince: number | undefined;
  private warned: string | null = null;
  private uncountableReported = false;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: NoWorkerWatchOptions) {
    this.log = options.logger.child({ component: 'no-worker-watch' });
    this.now = options.now ?? Date.now;
  }

  /** Set while runs have waited with no worker for longer than warnAfterMs: what is wrong and what to run. */
  get warning(): string | null {
    return this.warned;
  }

  /** Checks now (so a start with stranded runs is noticed at once), then every few seconds until stop(). */
  start(): void {
    if (this.options.warnAfterMs === 0 || this.timer || this.checking || this.stopped) return;
    const every = Math.min(Math.max(this.options.warnAfterMs / 3, MIN_CHECK_INTERVAL_MS), MAX_CHECK_INTERVAL_MS);
    const loop = (): void => {
      this.checking = this.check().finally(() => {
        this.checking = undefined;
        if (!this.stopped) this.timer = setTimeout(loop, every).unref();
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.checking;
  }

  /** One observation; the episode's state changes only here. */
  async check(): Promise<void> {
    let health: PipelineHealth;
    try {
      health = await this.options.read();
    } catch (error) {
      // Redis being down is reported by its own connection's errors and by /ready; the episode stays as it was.
      this.log.debug({ err: error }, 'could not read the pipeline queue');
      return;
    }
    if (health.mode !== 'queue') return;
    if (health.workers === null) {
      if (!this.uncountableReported)
        this.log.info('Redis refuses CLIENT LIST: pipeline workers cannot be counted, so no warning when none runs');
      this.uncountableReported = true;
      return;
    }
    const waiting = health.waiting ?? 0;
    if (health.workers === 0 && waiting > 0) this.stranded(waiting, health.oldestWaitingSeconds);
    else this.recovered(health.workers, waiting);
  }

  private stranded(waiting: number, oldestWaitingSeconds: number | null): void {
    const now = this.now();
    this.strandedSince ??= now;
    const forSeconds = Math.round((now - this.strandedSince) / 1000);
    if (this.warned === null && now - this.strandedSince < this.options.warnAfterMs) return;
    const warning =
      `${runs(waiting)} waiting and no pipeline worker connected for ${forSeconds} s: ` +
      `start one with \`${START_WORKER_COMMAND}\` (same DATABASE_URL, REDIS_URL and QUEUE_PREFIX)`;
    if (this.warned === null) this.log.warn({ waiting, oldestWaitingSeconds, noWorkerForSeconds: forSeconds }, warning);
    this.warned = warning; // kept current (counts, duration) for serverInfo and /ready; logged once
  }

  private recovered(workers: number, waiting: number): void {
    if (this.warned !== null) {
      if (workers > 0)
        this.log.info({ workers, waiting }, `pipeline worker connected again: ${runs(waiting)} waiting will execute`);
      else this.log.info({ workers }, 'no pipeline runs wait any more (still no worker connected)');
    }
    this.strandedSince = undefined;
    this.warned = null;
  }
}
