// What the CLI commands show of a pipeline run while it works: a progress bar per stage on a terminal, plain
// lines otherwise, fed by a reporter that also records the run (tee).
import cliProgress from 'cli-progress';
import type { ProgressReporter } from '../modules/pipeline/index.js';

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** What the terminal shows of the run's progress. */
export interface Display {
  stage(name: string, total: number | null | undefined): void;
  advance(count: number): void;
  setTotal(total: number): void;
  /** Ends the last stage's bar or line. */
  stop(): void;
}

/**
 * A bar per stage on a TTY; otherwise plain lines (a log file reads well): a line per stage and about every 10%.
 * `unit` names what a stage counts ("lines", or per stage).
 */
export function terminalDisplay(tty: boolean, unit: string | ((stage: string) => string)): Display {
  const unitOf = (stage: string) => (typeof unit === 'string' ? unit : unit(stage));
  let bar: cliProgress.SingleBar | undefined;
  let current = { name: '', processed: 0, total: 0, printedAt: 0, startedAt: 0 };
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const stop = () => {
    if (bar) bar.stop();
    else if (current.name)
      print(
        `${current.name}: ${current.processed} ${unitOf(current.name)} in ${seconds(Date.now() - current.startedAt)}`,
      );
    bar = undefined;
    current.name = '';
  };
  return {
    stage(name, total) {
      stop();
      current = { name, processed: 0, total: total ?? 0, printedAt: 0, startedAt: Date.now() };
      if (!tty) return print(`${name}: ${total ?? '?'} ${unitOf(name)}`);
      const format = `${name.padEnd(13)} {bar} {percentage}% | {value}/{total} ${unitOf(name)} | {duration_formatted}`;
      bar = new cliProgress.SingleBar(
        { format, hideCursor: true, stream: process.stdout },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0);
    },
    advance(count) {
      current.processed += count;
      if (bar) return bar.increment(count);
      const { processed, total, printedAt } = current;
      if (total > 0 && processed < total && processed - printedAt >= total / 10) {
        current.printedAt = processed;
        print(`${current.name}: ${processed}/${total} (${Math.floor((100 * processed) / total)}%)`);
      }
    },
    setTotal(total) {
      current.total = total;
      bar?.setTotal(total);
    },
    stop,
  };
}

/** The run's reporter, also shown on the terminal until stop(). */
export function tee(run: ProgressReporter, display: Display): ProgressReporter & { stop(): void } {
  return {
    signal: run.signal,
    plan: async (stages) => run.plan?.(stages),
    async stage(name, total) {
      display.stage(name, total);
      await run.stage(name, total);
    },
    advance(count) {
      display.advance(count);
      run.advance(count);
    },
    setTotal(total) {
      display.setTotal(total);
      run.setTotal(total);
    },
    stop: () => display.stop(),
  };
}
