// How a CLI command executes its pipeline run in its own process: records the run, executes it with the progress
// shown on the terminal, stops it on Ctrl-C, prints what the work returned and the outcome, and closes the app.
// Exit codes: 0 the run succeeded, 1 it failed or was cancelled.
import { systemActor } from '../access/index.js';
import type { App } from '../compose.js';
import type { PipelineKind, ProgressReporter, RunHandle } from '../modules/pipeline/index.js';
import { unsuccessfulRunLine } from './run-outcome.js';

/** Runs a CLI starts on the host are the operator's: recorded as started by "cli". */
const CLI_ACTOR = systemActor('cli');

export interface PipelineCommand<Result extends object, Progress extends ProgressReporter> {
  /** First on the line Ctrl-C prints ("import: stopping ..."). */
  command: string;
  /** What the run is called in the last line ("training succeeded (pipeline run ...)"); default: `command`. */
  runName?: string;
  /** What Ctrl-C prints after the command's name. */
  stopping: string;
  /**
   * A second Ctrl-C within this many milliseconds of the first is taken for the same one (default 0: a second
   * Ctrl-C exits at once).
   */
  repeatedInterruptMs?: number;
  kind: PipelineKind;
  params: Record<string, unknown>;
  /** Checks that come before the run is recorded (whatever they throw is no run). */
  beforeCreate?(): Promise<void>;
  /** The reporter the work gets: the run's, also shown on the terminal until stop(). */
  display(run: RunHandle): Progress & { stop(): void };
  /** The run's work; what it returns is the run's result. */
  work(progress: Progress): Promise<Result>;
  /** Prints what the work returned, once the display has stopped (not called when the work returned nothing). */
  report(result: Result, succeeded: boolean): void;
}

/** Ctrl-C stops the run (recorded as failed: `interrupted`); a second one exits with 130. Returns the uninstaller. */
function stopOnInterrupt(
  app: App,
  command: Pick<PipelineCommand<object, ProgressReporter>, 'command' | 'stopping' | 'repeatedInterruptMs'>,
): () => void {
  const interrupt = () => {
    const first = Date.now();
    process.stderr.write(`\n${command.command}: ${command.stopping}\n`);
    const again = () => {
      if (Date.now() - first < (command.repeatedInterruptMs ?? 0)) process.once('SIGINT', again);
      else process.exit(130);
    };
    process.once('SIGINT', again);
    void app.modules.get('pipeline').pipeline.shutdown(`interrupted: ${command.command} was stopped (Ctrl-C)`);
  };
  process.once('SIGINT', interrupt);
  return () => process.off('SIGINT', interrupt);
}

/** Executes the command's run on `app`, which it closes; resolves with the exit code. */
export async function runPipelineCommand<Result extends object, Progress extends ProgressReporter>(
  app: App,
  command: PipelineCommand<Result, Progress>,
): Promise<number> {
  const uninstall = stopOnInterrupt(app, command);
  let progress: (Progress & { stop(): void }) | undefined;
  try {
    await command.beforeCreate?.();
    const run = await app.modules.get('pipeline').pipeline.create(command.kind, command.params, CLI_ACTOR);
    let result: Result | undefined;
    const finished = await app.modules.get('pipeline').pipeline.execute(run.id, async (handle) => {
      progress = command.display(handle);
      result = await command.work(progress);
      // Summaries are declared as interfaces, which TypeScript does not take for records; the result is their fields.
      return { ...result } as Record<string, unknown>;
    });
    progress?.stop();
    const succeeded = finished.status === 'SUCCEEDED';
    const runName = command.runName ?? command.command;
    if (result !== undefined) command.report(result, succeeded);
    if (!succeeded) {
      process.stderr.write(unsuccessfulRunLine(runName, finished));
      return 1;
    }
    process.stdout.write(`\n${runName} succeeded (pipeline run ${run.id})\n`);
    return 0;
  } finally {
    progress?.stop();
    uninstall();
    await app.close();
  }
}
