// The port between submitting a run and executing it. Inline: this process executes it at once
// (InProcessDispatcher). Queue: a job { runId } goes to BullMQ and a worker process executes it
// (bullmq-dispatcher.ts). Defined once here, in infra: the pipeline module and the queue adapter both use it. The reaper asks the dispatcher whether anyone still holds a run that went silent; operators
// (serverInfo.pipelines, /metrics, the no-worker warning) ask it how execution is doing.

/**
 * Whether some live process holds a run: 'held' (executing it now), 'pending' (queued: a worker will take it) or
 * 'none' (nobody: the process that had it stopped).
 */
export type JobPresence = 'held' | 'pending' | 'none';

/** Execution as the dispatcher sees it now. Queue-only counts are null inline, where runs never wait. */
export interface PipelineHealth {
  mode: 'inline' | 'queue';
  /** Worker processes connected to the queue; null inline, or when Redis refuses CLIENT LIST (some managed Redis). */
  workers: number | null;
  /** Runs queued for a worker. */
  waiting: number | null;
  /** Runs executing: taken by workers (queue), or by this process (inline). */
  active: number;
  /** Jobs scheduled for later. */
  delayed: number | null;
  /** Failed jobs the queue still keeps; a run's own outcome is recorded on the run. */
  failed: number | null;
  /** Seconds since the oldest waiting run was queued; null when none waits. */
  oldestWaitingSeconds: number | null;
}

export interface PipelineDispatcher {
  readonly mode: 'inline' | 'queue';
  /** Hands a QUEUED run over for execution; rejects when it could not be handed over (nothing was queued). */
  dispatch(run: { id: string; kind: string; params: unknown }): Promise<void>;
  presence(runId: string): Promise<JobPresence>;
  /** Rejects only when the queue cannot be read at all (Redis unreachable). */
  health(): Promise<PipelineHealth>;
  /**
   * Takes back a cancelled run's job if it still waits (a queue); resolves whether it did. Optional: inline
   * dispatch has nothing waiting, and a job taken anyway finds its run ended and executes nothing.
   */
  withdraw?(runId: string): Promise<boolean>;
  /** Stops handing runs over (runs already handed over are not affected). */
  close(): Promise<void>;
}
