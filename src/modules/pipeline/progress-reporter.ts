/**
 * What a unit of pipeline work sees of its run: named stages with counts, and a signal that asks it to stop.
 * The pipeline runner implements it (recording to the database and publishing); tests and the CLI may wrap it.
 */
export interface ProgressReporter {
  /** Ends the current stage and starts `name`, whose size is `total` items when known. */
  stage(name: string, total?: number | null): Promise<void>;
  /** Records `count` more items processed in the current stage. Cheap: writes are batched. */
  advance(count: number): void;
  /** Sets the current stage's total once it becomes known. */
  setTotal(total: number): void;
  /** Aborted on shutdown or cancellation: stop at the next batch boundary. */
  readonly signal: AbortSignal;
}
