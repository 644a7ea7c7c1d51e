// Inline execution (embedded deployment, or PIPELINE_EXECUTION=inline): the submitting process runs the handler
// in its background. A run it holds is one it is executing; any other process's run is judged by its heartbeat.
import type { JobPresence, PipelineDispatcher, PipelineHealth } from '../../infra/queue/port.js';

export interface InProcessExecutor {
  /** Starts executing the run in this process; must register it as active before its first await. */
  executeInBackground(run: { id: string; kind: string; params: unknown }): void;
  isActive(runId: string): boolean;
}

export class InProcessDispatcher implements PipelineDispatcher {
  readonly mode = 'inline';
  /** Runs handed to this process; ended ones are dropped at every dispatch and health read, so it stays small. */
  private readonly handedOver = new Set<string>();

  constructor(private readonly executor: InProcessExecutor) {}

  async dispatch(run: { id: string; kind: string; params: unknown }): Promise<void> {
    this.executor.executeInBackground(run);
    this.handedOver.add(run.id);
    this.forgetEnded();
  }

  async presence(runId: string): Promise<JobPresence> {
    return this.executor.isActive(runId) ? 'held' : 'none';
  }

  async health(): Promise<PipelineHealth> {
    this.forgetEnded();
    return {
      mode: 'inline',
      workers: null,
      waiting: null,
      active: this.handedOver.size,
      delayed: null,
      failed: null,
      oldestWaitingSeconds: null,
    };
  }

  async close(): Promise<void> {}

  private forgetEnded(): void {
    for (const runId of this.handedOver) if (!this.executor.isActive(runId)) this.handedOver.delete(runId);
  }
}
