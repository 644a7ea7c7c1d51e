// `npm run train -- --model NAME [--epochs N] [--promote]`: trains a version of a model from the configured
// database as a recorded pipeline run of kind TRAIN, through the same wiring as the server (compose), and prints
// its held-out metrics next to its baselines' (the majority class; kr-forecast: its own two).
// Exit codes: 0 the run succeeded, 1 the run failed, 2 bad arguments (unknown model, a param out of range).
import { isAppError } from '../errors.js';
import { compose } from '../compose.js';
import {
  BUILTIN_RECIPES,
  describeTrainingParams,
  parseTrainRequest,
  TRAINING_PARAM_RANGES,
  type TrainingResult,
} from '../modules/training/index.js';
import { commandLogger, parseOptions, runCommand, UsageError } from './command-entry.js';
import { runPipelineCommand } from './run-command.js';
import { trainingDisplay } from './train-display.js';

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
  -h, --help          this text

kr-forecast (trained on synthetic histories) takes --seed, --epochs, --batch-size, --learning-rate, --patience,
--hidden-units and --max-samples (the synthetic key results generated; default 8000).`;

function parseCommand(argv: string[]): Record<string, unknown> | 'help' {
  const values = parseOptions(argv, {
    model: { type: 'string' },
    promote: { type: 'boolean' },
    actor: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...Object.fromEntries(PARAMS.map((name) => [kebab(name), { type: 'string' as const }])),
  });
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

const num = (value: unknown) => (typeof value === 'number' ? value.toFixed(3) : '–');

/** A model that reports against baselines of its own (kr-forecast: AUC, Brier, expected-value error). */
function printAgainstBaselines(result: TrainingResult, baselines: Record<string, Record<string, unknown>>): void {
  const metrics = result.metrics;
  const names = Object.keys(baselines);
  const row = (label: string, key: string) =>
    `${label.padEnd(22)}${num(metrics[key]).padStart(8)}${names.map((n) => num(baselines[n]![key]).padStart(22)).join('')}`;
  const dataset = result.dataset;
  const out = [
    '',
    `${result.model} v${result.version}: ${String(dataset.train)} training, ${String(dataset.validation)} validation, ` +
      `${String(dataset.test)} held-out examples${dataset.synthetic ? ' (SYNTHETIC histories)' : ''}; ` +
      `${result.history.length} epochs${result.stoppedEarly ? ' (stopped early)' : ''}`,
    '',
    `${''.padEnd(22)}${'model'.padStart(8)}${names.map((n) => n.padStart(22)).join('')}`,
    row('AUC (higher is better)', 'auc'),
    row('Brier (lower)', 'brier'),
    row('value error (lower)', 'valueError'),
  ];
  if (result.promotion)
    out.push('', `${result.promotion.promoted ? 'promoted' : 'not promoted'}: ${result.promotion.reason}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printResult(result: TrainingResult): void {
  const own = (result.metrics as { baselines?: Record<string, Record<string, unknown>> }).baselines;
  if (own) return printAgainstBaselines(result, own);
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

type CliRequest = Record<string, unknown> & { model: string };
const RECIPES = new Set(BUILTIN_RECIPES.map((recipe) => recipe.model));

/**
 * The train request as the run stores it, or 'help'; throws UsageError when an argument is wrong. A built-in
 * recipe's params are checked before anything opens; a model another module trains (kr-forecast) has params of
 * its own, checked by the training service once composed (same exit code).
 */
function requestFrom(argv: string[]): CliRequest | 'help' {
  const command = parseCommand(argv);
  if (command === 'help') return 'help';
  const request = { ...command, actor: command.actor ?? 'cli' } as unknown as CliRequest;
  if (!RECIPES.has(request.model)) return request;
  try {
    return { ...parseTrainRequest(request) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new UsageError(error.message, false);
  }
}

runCommand<CliRequest>({
  name: 'train',
  usage: USAGE,
  parse: requestFrom,
  run: async (request, config) => {
    const app = await compose(config, commandLogger(config, 'train'));
    try {
      return await runPipelineCommand(app, {
        command: 'train',
        runName: 'training',
        stopping: 'stopping after the current batch',
        kind: 'TRAIN',
        params: { ...request },
        beforeCreate: () => app.modules.get('training').training.check(request),
        display: (run) => trainingDisplay(run, Boolean(process.stdout.isTTY)),
        work: (progress) => app.modules.get('training').training.train(request, progress),
        report: (result, succeeded) => {
          if (succeeded) printResult(result);
        },
      });
    } catch (error) {
      // An unknown model or a param out of range, found before a run is recorded.
      if (!isAppError(error)) throw error;
      process.stderr.write(`train: ${error.message}\n`);
      return 2;
    }
  },
});
