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

/**
 * A run's overall progress in [0, 1]. With declared stages (`plan`) each counts equally: done 1, running its
 * processed/total (0 while its total is unknown), not reached 0. Without a plan, the current stage's fraction
 * (null while its total is unknown). A run that succeeded is done.
 */
export function overallProgress(run: {
  status: string;
  plannedStages: readonly string[];
  stages: readonly StageRecord[];
  processed: number;
  total: number | null;
}): number | null {
  if (run.status === 'SUCCEEDED') return 1;
  if (run.plannedStages.length === 0) return fractionDone(run.processed, run.total);
  let done = 0;
  for (const name of run.plannedStages) {
    const stage = run.stages.findLast((s) => s.name === name);
    if (!stage) continue;
    if (stage.status === 'SUCCEEDED') done += 1;
    else if (stage.status === 'RUNNING') done += fractionDone(run.processed, run.total) ?? 0;
    else done += fractionDone(stage.processed, stage.total) ?? 0;
  }
  return Math.min(1, done / run.plannedStages.length);
}
