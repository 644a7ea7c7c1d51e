// What `npm run train` shows while a TRAIN run works: a bar per stage on a terminal, the train stage's bar
// carrying the last epoch's loss and accuracy; plain lines otherwise (one per stage and one per epoch).
import cliProgress from 'cli-progress';
import type { ProgressReporter, StageMetrics } from '../modules/pipeline/index.js';
import { seconds } from './progress-display.js';

const UNITS: Record<string, string> = {
  load: 'examples',
  features: 'examples',
  train: 'epochs',
  evaluate: 'examples',
  register: 'version',
};

const fixed = (value: number | undefined, digits = 4) => (value === undefined ? '–' : value.toFixed(digits));

export function describeEpoch(metrics: StageMetrics): string {
  return (
    `loss ${fixed(metrics.loss)} acc ${fixed(metrics.accuracy)} · val loss ${fixed(metrics.valLoss)} ` +
    `val acc ${fixed(metrics.valAccuracy)} · ${Math.round(metrics.samplesPerSecond ?? 0)} examples/s`
  );
}

/** The run's reporter, shown on the terminal as well. */
export function trainingDisplay(
  run: ProgressReporter & { runId: string },
  tty: boolean,
): ProgressReporter & { runId: string; stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  let current = { name: '', processed: 0, startedAt: 0 };
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const stop = () => {
    if (bar) bar.stop();
    else if (current.name)
      print(
        `${current.name}: ${current.processed} ${UNITS[current.name] ?? 'items'} in ${seconds(Date.now() - current.startedAt)}`,
      );
    bar = undefined;
    current.name = '';
  };
  return {
    runId: run.runId,
    signal: run.signal,
    async stage(name: string, total?: number | null) {
      stop();
      current = { name, processed: 0, startedAt: Date.now() };
      const unit = UNITS[name] ?? 'items';
      if (tty) {
        bar = new cliProgress.SingleBar(
          {
            format: `${name.padEnd(9)} {bar} {value}/{total} ${unit} | {duration_formatted} {epoch}`,
            hideCursor: true,
            stream: process.stdout,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total ?? 0, 0, { epoch: '' });
      } else print(`${name}: ${total ?? '?'} ${unit}`);
      await run.stage(name, total);
    },
    advance(count: number) {
      current.processed += count;
      bar?.increment(count);
      run.advance(count);
    },
    setTotal(total: number) {
      bar?.setTotal(total);
      run.setTotal(total);
    },
    plan: async (stages: readonly string[]) => run.plan?.(stages),
    async metrics(values: StageMetrics) {
      if (bar) bar.update({ epoch: `| ${describeEpoch(values)}` });
      else print(`epoch ${values.epoch ?? current.processed}: ${describeEpoch(values)}`);
      await run.metrics?.(values);
    },
    stop,
  };
}
