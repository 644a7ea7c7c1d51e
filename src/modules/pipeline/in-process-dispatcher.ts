// Inline execution (embedded deployment, or PIPELINE_EXECUTION=inline): the submitting process runs the handler
// in its background. A run it holds is one it is executing; any other process's run is judged by its heartbeat.
import type { JobPresence, PipelineDispatcher } from './pipeline-dispatcher.js';

export interface InProcessExecutor {
  /** Starts executing the run in this process; must register it as active before its first await. */
  executeInBackground(run: { id: string; kind: string; params: unknown }): void;
  isActive(runId: string): boolean;
}

export class InProcessDispatcher implements PipelineDispatcher {
  readonly mode = 'inline';

  constructor(private readonly executor: InProcessExecutor) {}

  async dispatch(run: { id: string; kind: string; params: unknown }): Promise<void> {
    this.executor.executeInBackground(run);
  }

  async presence(runId: string): Promise<JobPresence> {
    return this.executor.isActive(runId) ? 'held' : 'none';
  }

  async close(): Promise<void> {}
}
