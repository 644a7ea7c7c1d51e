// A ProgressReporter that records what the import reports, and can cancel the run after a number of batches.
import type { ProgressReporter } from '../../../src/modules/pipeline/progress-reporter.js';

export interface RecordedStage {
  name: string;
  total: number | null | undefined;
  advanced: number;
  advances: number;
}

export class RecordingProgress implements ProgressReporter {
  readonly stages: RecordedStage[] = [];
  private readonly controller = new AbortController();
  readonly signal: AbortSignal = this.controller.signal;

  /** `cancelAfterBatches`: abort (as a shutdown would) once this many batches have reported progress. */
  constructor(private readonly cancelAfterBatches = Infinity) {}

  async stage(name: string, total?: number | null): Promise<void> {
    this.stages.push({ name, total, advanced: 0, advances: 0 });
  }

  advance(count: number): void {
    const current = this.stages.at(-1);
    if (!current) throw new Error('advance() before any stage()');
    current.advanced += count;
    current.advances += 1;
    const batches = this.stages.reduce((sum, stage) => sum + stage.advances, 0);
    if (batches >= this.cancelAfterBatches) this.controller.abort();
  }

  setTotal(total: number): void {
    const current = this.stages.at(-1);
    if (current) current.total = total;
  }
}
