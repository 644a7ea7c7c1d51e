import type { StageMetrics } from './stages.js';

/**
 * What a unit of pipeline work sees of its run: named stages with counts, and a signal that asks it to stop.
 * The pipeline runner implements it (recording to the database and publishing); tests and the CLI may wrap it.
 */
export interface ProgressReporter {
  /**
   * Declares the stages the work will go through, in order, before the first: the run's overall progress then
   * counts them. Optional (a reporter may not record it), and so is calling it: undeclared, the run reports the
   * progress of its current stage.
   */
  plan?(stages: readonly string[]): Promise<void>;
  /** Ends the current stage and starts `name`, whose size is `total` items when known. */
  stage(name: string, total?: number | null): Promise<void>;
  /** Records `count` more items processed in the current stage. Cheap: writes are batched. */
  advance(count: number): void;
  /** Sets the current stage's total once it becomes known. */
  setTotal(total: number): void;
  /**
   * Replaces the current stage's metrics (e.g. an epoch's loss) and records them at once, unbatched: each call is
   * one change subscribers see. Optional, so reporters that never carry metrics need not implement it.
   */
  metrics?(values: StageMetrics): Promise<void>;
  /** Aborted on shutdown or cancellation: stop at the next batch boundary. */
  readonly signal: AbortSignal;
}
