// Pure bookkeeping of a run's stages: what the database records and subscribers see.
export type StageStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** The latest measurements a stage reported (e.g. a training epoch's loss): names to finite numbers. */
export type StageMetrics = Record<string, number>;

export interface StageRecord {
  name: string;
  status: StageStatus;
  processed: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** Only on stages that report measurements; replaced by each report. */
  metrics?: StageMetrics;
}

/** Closes the running stage (if any) with `status` and its final count. */
export function closeStage(
  stages: readonly StageRecord[],
  status: StageStatus,
  processed: number,
  at: Date,
): StageRecord[] {
  return stages.map((stage) =>
    stage.status === 'RUNNING' ? { ...stage, status, processed, finishedAt: at.toISOString() } : stage,
  );
}

/** Closes the running stage as succeeded and opens `name`. */
export function openStage(
  stages: readonly StageRecord[],
  name: string,
  total: number | null,
  previousProcessed: number,
  at: Date,
): StageRecord[] {
  return [
    ...closeStage(stages, 'SUCCEEDED', previousProcessed, at),
    { name, status: 'RUNNING', processed: 0, total, startedAt: at.toISOString(), finishedAt: null },
  ];
}

/** Fraction done in [0, 1] for a count and an optional total; null when the total is unknown. */
export function fractionDone(processed: number, total: number | null | undefined): number | null {
  if (total === null || total === undefined) return null;
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, processed / total));
}

/** Sets the running stage's metrics (a copy: the caller may keep mutating its object). */
export function withStageMetrics(stages: readonly StageRecord[], metrics: StageMetrics): StageRecord[] {
  return stages.map((stage) => (stage.status === 'RUNNING' ? { ...stage, metrics: { ...metrics } } : stage));
}
