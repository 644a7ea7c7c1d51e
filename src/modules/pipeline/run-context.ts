// The live side of one executing run: keeps counts in memory and writes them (database, then pubsub) at most
// every `flushIntervalMs`, so a tight loop calling advance() costs no I/O per item. While the run executes, a
// heartbeat writes the state again whenever nothing was written for a while: a run busy in a long step without
// reporting still shows its process is alive (the reaper takes a silent run for a lost one).
import type { Logger } from '../../logger.js';
import type { ProgressReporter } from './progress-reporter.js';
import {
  closeStage,
  openStage,
  withStageMetrics,
  type StageMetrics,
  type StageRecord,
  type StageStatus,
} from './stages.js';

export interface RunState {
  stage: string | null;
  stages: StageRecord[];
  processed: number;
  total: number | null;
  /** The stages the work declared it will go through, in order (`plan`); empty until it does. */
  planned: string[];
}

export type FlushFn = (state: RunState) => Promise<void>;

export class RunContext implements ProgressReporter {
  private state: RunState = { stage: null, stages: [], processed: 0, total: null, planned: [] };
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastWriteAt = Date.now();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly runId: string,
    readonly log: Logger,
    readonly signal: AbortSignal,
    private readonly flushFn: FlushFn,
    private readonly flushIntervalMs: number,
  ) {}

  async plan(names: readonly string[]): Promise<void> {
    this.state = { ...this.state, planned: [...names] };
    await this.flush();
  }

  async stage(name: string, total: number | null = null): Promise<void> {
    this.state = {
      ...this.state,
      stage: name,
      stages: openStage(this.state.stages, name, total, this.state.processed, new Date()),
      processed: 0,
      total,
    };
    await this.flush();
  }

  advance(count: number): void {
    this.state.processed += count;
    this.schedule();
  }

  setTotal(total: number): void {
    this.state.total = total;
    this.state.stages = this.state.stages.map((s) => (s.status === 'RUNNING' ? { ...s, total } : s));
    this.schedule();
  }

  async metrics(values: StageMetrics): Promise<void> {
    this.state.stages = withStageMetrics(this.state.stages, values);
    await this.flush();
  }

  /** Writes the state at least every `intervalMs` (at most two intervals apart) until settled() or finish(). */
  startHeartbeat(intervalMs: number): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastWriteAt < intervalMs) return;
      this.flush().catch((error: unknown) => this.log.warn({ err: error }, 'could not record the run heartbeat'));
    }, intervalMs);
    this.heartbeat.unref();
  }

  /** The final stage list, with the running stage closed as `status`. */
  finish(status: StageStatus): RunState {
    this.stopTimers();
    return { ...this.state, stages: closeStage(this.state.stages, status, this.state.processed, new Date()) };
  }

  /** Waits for writes already started (so the final update lands last). */
  async settled(): Promise<void> {
    this.stopTimers();
    await this.writes;
  }

  private stopTimers(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => this.log.warn({ err: error }, 'could not record pipeline progress'));
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  private flush(): Promise<void> {
    const snapshot: RunState = {
      ...this.state,
      stages: this.state.stages.map((s) => (s.status === 'RUNNING' ? { ...s, processed: this.state.processed } : s)),
    };
    this.lastWriteAt = Date.now();
    // Serialised: a slow write must never be overtaken by a newer one.
    this.writes = this.writes.catch(() => undefined).then(() => this.flushFn(snapshot));
    return this.writes;
  }
}
