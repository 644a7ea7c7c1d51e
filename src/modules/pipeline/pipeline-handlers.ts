// What executes a run of each kind. A handler receives the run's params as stored (JSON back from the database,
// possibly written by another process, so it validates them itself) and the run's progress reporter; it returns
// the run's result. Every process registers the same handlers (compose), so any of them can execute any run.
import type { Logger } from '../../logger.js';
import type { PipelineKind } from './pipeline-run.record.js';
import type { ProgressReporter } from './progress-reporter.js';

export type RunResult = Record<string, unknown> | void;

/** What a run's work sees: its progress reporter, its id and a logger that names it. */
export type RunHandle = ProgressReporter & { runId: string; log: Logger };

export type PipelineWork = (run: RunHandle) => Promise<RunResult>;

export type PipelineHandler = (params: unknown, run: RunHandle) => Promise<RunResult>;

export class HandlerRegistry {
  private readonly handlers = new Map<PipelineKind, PipelineHandler>();

  /**
   * A later registration for the same kind replaces the earlier one: a process wires each kind once (compose), and
   * a command or a test that builds a second service over the same pipeline means that one.
   */
  register(kind: PipelineKind, handler: PipelineHandler): void {
    this.handlers.set(kind, handler);
  }

  /** The handler for `kind`; a run of a kind nothing registered fails with this message (a wiring mistake). */
  get(kind: string): PipelineHandler {
    const handler = this.handlers.get(kind as PipelineKind);
    if (!handler) throw new Error(`no handler is registered for pipeline runs of kind ${kind} in this process`);
    return handler;
  }
}
