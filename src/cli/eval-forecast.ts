// npm run eval:forecast -- [--examples FILE] [--seeds 7,8,9] [--print-only]: kr-forecast's held-out evaluation on
// SYNTHETIC histories (src/modules/okrs/forecast), against linear extrapolation and the owner's confidence,
// written into docs/models.md between the eval:kr-forecast markers. Reproducible: the same file and seeds give the
// same tables (training is seeded, the generator too).
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initMlRuntime } from '../infra/ml/index.js';
import { replaceMarkedSection } from '../lib/marked-section.js';
import { createLogger } from '../logger.js';
import {
  DEFAULT_FORECAST_PARAMS,
  keyResultTemplates,
  parseOkrExamples,
  trainForecast,
  type ForecastEvaluation,
} from '../modules/okrs/index.js';
import { disposeModel } from '../infra/ml/index.js';

const { values } = parseArgs({
  options: {
    examples: { type: 'string', default: 'data/sample/okr_examples.jsonl' },
    seeds: { type: 'string', default: '7,8,9' },
    'print-only': { type: 'boolean', default: false },
  },
});

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const spread = (xs: number[], f: (x: number) => string) =>
  xs.length === 1
    ? f(xs[0]!)
    : `${f(xs.reduce((a, b) => a + b, 0) / xs.length)} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

const started = Date.now();
const ml = await initMlRuntime({ backend: 'auto', logger: createLogger('warn') });
const templates = keyResultTemplates(parseOkrExamples(readFileSync(values.examples, 'utf8')));
const seeds = values.seeds.split(',').map(Number);
const runs: Array<{
  seed: number;
  evaluation: ForecastEvaluation;
  epochs: number;
  ms: number;
  dataset: { train: number; test: number };
}> = [];
for (const seed of seeds) {
  const t0 = performance.now();
  const trained = await trainForecast(ml.tf, templates, { ...DEFAULT_FORECAST_PARAMS, seed });
  runs.push({
    seed,
    evaluation: trained.evaluation,
    epochs: trained.epochs,
    ms: performance.now() - t0,
    dataset: trained.dataset,
  });
  disposeModel(trained.network);
  process.stderr.write(`seed ${seed}: AUC ${f3(trained.evaluation.model.auc)}, ${trained.epochs} epochs\n`);
}

const methods = [
  ['kr-forecast', (e: ForecastEvaluation) => e.model],
  ['linear extrapolation (Platt-scaled)', (e: ForecastEvaluation) => e.linearExtrapolation],
  ["owner's latest confidence", (e: ForecastEvaluation) => e.ownerConfidence],
] as const;
const first = runs[0]!;
const lines = [
  `### kr-forecast on SYNTHETIC histories: ${templates.length} key-result templates, ${DEFAULT_FORECAST_PARAMS.keyResults.toLocaleString('en-US')} generated key results per seed`,
  '',
  `\`npm run eval:forecast -- --seeds ${values.seeds}\`; ${new Date().toISOString().slice(0, 10)}, ` +
    `${((Date.now() - started) / 1000).toFixed(0)} s (${ml.backend}). Per seed: ${first.dataset.train.toLocaleString('en-US')} ` +
    `training and ${first.dataset.test.toLocaleString('en-US')} held-out examples (${DEFAULT_FORECAST_PARAMS.snapshots} ` +
    "moments of each key result; a key result's examples are all in one part). Mean over the seeds, range in brackets. " +
    `Share of held-out examples whose key result reached its target: ${spread(
      runs.map((r) => r.evaluation.reachedRate),
      f3,
    )}.`,
  '',
  '| method | AUC ↑ | Brier ↓ | expected-value error ↓ |',
  '|---|---:|---:|---:|',
  ...methods.map(
    ([name, of]) =>
      `| ${name} | ${spread(
        runs.map((r) => of(r.evaluation).auc),
        f3,
      )} | ${spread(
        runs.map((r) => of(r.evaluation).brier),
        f4,
      )} | ${spread(
        runs.map((r) => of(r.evaluation).valueError),
        f3,
      )} |`,
  ),
  '',
  `The 80% interval [low, high] held the final progress for ${spread(
    runs.map((r) => r.evaluation.model.coverage * 100),
    (x) => `${x.toFixed(1)}%`,
  )} ` +
    'of held-out examples. Expected-value error: mean |expected − actual| final progress, in shares of the start→target distance.',
  '',
  `Reliability (seed ${first.seed}): predicted probability in bins against the observed rate of reaching the target.`,
  '',
  '| predicted | examples | kr-forecast mean | observed | linear mean | observed | confidence mean | observed |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...first.evaluation.model.reliability.map((bin, b) => {
    const cell = (r: { count: number; meanPredicted: number; observedRate: number }) =>
      r.count === 0 ? '— | —' : `${f3(r.meanPredicted)} | ${f3(r.observedRate)}`;
    return `| ${bin.from.toFixed(1)}–${bin.to.toFixed(1)} | ${bin.count} / ${first.evaluation.linearExtrapolation.reliability[b]!.count} / ${first.evaluation.ownerConfidence.reliability[b]!.count} | ${cell(bin)} | ${cell(first.evaluation.linearExtrapolation.reliability[b]!)} | ${cell(first.evaluation.ownerConfidence.reliability[b]!)} |`;
  }),
  '',
  '(examples: kr-forecast / linear / confidence per bin.)',
];
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
if (!values['print-only']) {
  const file = path.resolve('docs/models.md');
  writeFileSync(file, replaceMarkedSection(readFileSync(file, 'utf8'), 'eval:kr-forecast', table));
  process.stderr.write(`written to ${file}\n`);
}
