// `npm run train -- --model NAME [--epochs N] [--promote]`: trains a version of a model from the configured
// database as a recorded pipeline run of kind TRAIN, through the same wiring as the server (compose), and prints
// its held-out metrics next to the majority baseline's.
// Exit codes: 0 the run succeeded, 1 the run failed, 2 bad arguments (unknown model, a param out of range).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { isAppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { compose } from '../main.js';
import {
  describeTrainingParams,
  parseTrainRequest,
  TRAINING_PARAM_RANGES,
  type TrainingResult,
  type TrainRequest,
} from '../modules/training/index.js';
import { trainingDisplay } from './train-display.js';
import { unsuccessfulRunLine } from './run-outcome.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const PARAMS = Object.keys(TRAINING_PARAM_RANGES);

const USAGE = `Usage: npm run train -- --model NAME [--epochs N] [--promote] [--PARAM VALUE ...]

Trains a new version of NAME (e.g. repo-language) on the configured database (DATABASE_URL, or the embedded one
in DATA_DIR), evaluates it on the held-out examples against a majority-class baseline and registers it. Aliases
stay where they are unless --promote is given and the new version beats the champion.

  --model NAME        the model to train
  --promote           move "champion" to the new version if it scores better (the old one: "previous-champion")
  --actor NAME        who trains (recorded as the version's createdBy; default "training")
${describeTrainingParams()
  .map((line) => `  --${kebab(line.slice(0, line.indexOf(':')))}  ${line.slice(line.indexOf(':') + 2)}`)
  .join('\n')}
  -h, --help          this text`;

class UsageError extends Error {}

function parseCommand(argv: string[]): Record<string, unknown> | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        model: { type: 'string' },
        promote: { type: 'boolean' },
        actor: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(PARAMS.map((name) => [kebab(name), { type: 'string' as const }])),
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (typeof values.model !== 'string') throw new UsageError('--model is required');
  const params: Record<string, number> = {};
  for (const name of PARAMS) {
    const text = values[kebab(name)];
    if (typeof text !== 'string') continue;
    const value = Number(text);
    if (text.trim() === '' || Number.isNaN(value)) throw new UsageError(`--${kebab(name)}: "${text}" is not a number`);
    params[name] = value;
  }
  return { model: values.model, params, promote: values.promote === true, actor: values.actor };
}

const pct = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '–');

function printResult(result: TrainingResult): void {
  const metrics = result.metrics as Record<string, unknown> & { baseline: Record<string, unknown> };
  const examples = (result.dataset.examples ?? {}) as Record<string, number>;
  const rows = [
    ['', 'model', 'majority baseline'],
    ['accuracy', pct(metrics.accuracy), pct(metrics.baseline.accuracy)],
    ['macro-F1', pct(metrics.macroF1), pct(metrics.baseline.macroF1)],
    ['top-3 accuracy', pct(metrics.top3Accuracy), pct(metrics.baseline.top3Accuracy)],
  ];
  const out = [
    '',
    `${result.model} v${result.version}: ${examples.train} training, ${examples.validation} validation, ` +
      `${examples.test} held-out examples; ${result.history.length} epochs (best: ${String(metrics.bestEpoch)}` +
      `${result.stoppedEarly ? ', stopped early' : ''}), ${result.samplesPerSecond} examples/s`,
    '',
    ...rows.map(([name, model, baseline]) => `${name!.padEnd(16)}${model!.padStart(8)}  ${baseline!.padStart(18)}`),
  ];
  if (result.promotion)
    out.push('', `${result.promotion.promoted ? 'promoted' : 'not promoted'}: ${result.promotion.reason}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  let command: Record<string, unknown> | 'help';
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`train: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let request: TrainRequest;
  try {
    request = parseTrainRequest({ ...command, actor: command.actor ?? 'cli' }); // ranges: before opening anything
  } catch (error) {
    if (!isAppError(error)) throw error;
    process.stderr.write(`train: ${error.message}\n`);
    return 2;
  }
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  const logger = createLogger(verbose ? config.LOG_LEVEL : 'error', { command: 'train' });
  const app = await compose(config, logger);
  const interrupt = () => {
    process.stderr.write('\ntrain: stopping after the current batch\n');
    process.once('SIGINT', () => process.exit(130));
    void app.pipeline.shutdown();
  };
  process.once('SIGINT', interrupt);
  let display: ReturnType<typeof trainingDisplay> | undefined;
  try {
    await app.training.recipeFor(request.model);
    const run = await app.pipeline.create('TRAIN', { ...request });
    let result: TrainingResult | undefined;
    const finished = await app.pipeline.execute(run.id, async (context) => {
      display = trainingDisplay(context, Boolean(process.stdout.isTTY));
      result = await app.training.train(request, display);
      return result;
    });
    display?.stop();
    if (finished.status !== 'SUCCEEDED' || !result) {
      process.stderr.write(unsuccessfulRunLine('training', finished));
      return 1;
    }
    printResult(result);
    process.stdout.write(`\ntraining succeeded (pipeline run ${run.id})\n`);
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    process.stderr.write(`train: ${error.message}\n`);
    return 2;
  } finally {
    display?.stop();
    process.off('SIGINT', interrupt);
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const prefix = error instanceof ConfigError ? 'configuration error' : 'failed';
    process.stderr.write(`train: ${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
