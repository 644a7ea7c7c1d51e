// The port between submitting a run and executing it. Inline: this process executes it at once
// (InProcessDispatcher). Queue: a job { runId } goes to BullMQ and a worker process executes it
// (src/infra/queue). The reaper asks the dispatcher whether anyone still holds a run that went silent.

/**
 * Whether some live process holds a run: 'held' (executing it now), 'pending' (queued: a worker will take it) or
 * 'none' (nobody: the process that had it stopped).
 */
export type JobPresence = 'held' | 'pending' | 'none';

export interface PipelineDispatcher {
  readonly mode: 'inline' | 'queue';
  /** Hands a QUEUED run over for execution; rejects when it could not be handed over (nothing was queued). */
  dispatch(run: { id: string; kind: string; params: unknown }): Promise<void>;
  presence(runId: string): Promise<JobPresence>;
  /** Stops handing runs over (runs already handed over are not affected). */
  close(): Promise<void>;
}
