// npm run eval -- [--data DIR] [--seed N] [--max-users N] [--print-only]: the recommender's offline evaluation
// (leave-one-out, full ranking; src/modules/recommendations/quality) on the data files, written into
// docs/quality.md between markers named after the data set. Reproducible: the same files and seed give the same table.
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initMlRuntime } from '../infra/ml/index.js';
import { replaceMarkedSection } from '../lib/marked-section.js';
import { createLogger } from '../logger.js';
import {
  evaluate,
  HashingEmbedder,
  loadInteractionFiles,
  roundWeights,
  type EvaluationReport,
} from '../modules/recommendations/index.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    seed: { type: 'string', default: '42' },
    'max-users': { type: 'string' },
    'print-only': { type: 'boolean', default: false },
  },
});

function table(report: EvaluationReport, dataName: string, started: number): string {
  const rows = report.methods.map(
    (m) => `| ${m.method} | ${m.recall.toFixed(3)} | ${m.ndcg.toFixed(3)} | ${(m.coverage * 100).toFixed(1)}% |`,
  );
  return [
    `### ${dataName}: ${report.users.toLocaleString('en-US')} users, ${report.repositories.toLocaleString('en-US')} repositories, seed ${report.seed}`,
    '',
    `\`npm run eval -- --data ${values.data} --seed ${report.seed}\`; ${new Date().toISOString().slice(0, 10)}, ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s. Leave-one-out over users with ≥ 3 contributions, every ` +
      'repository they do not contribute to ranked (no sampled negatives).',
    '',
    '| method | recall@10 | NDCG@10 | coverage@10 |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    `Learned weights: ${Object.entries(roundWeights(report.weights))
      .map(([signal, w]) => `${signal} ${w}`)
      .join(', ')}.`,
  ].join('\n');
}

function writeSection(name: string, content: string): void {
  const file = 'docs/quality.md';
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Quality of recommendations\n';
  writeFileSync(file, replaceMarkedSection(doc, `eval:${name}`, content));
}

const started = Date.now();
const logger = createLogger('warn');
const ml = await initMlRuntime({ backend: 'auto', logger });
const data = await loadInteractionFiles(values.data);
const report = await evaluate(data, {
  tf: ml.tf,
  embedder: new HashingEmbedder(),
  seed: Number(values.seed),
  ...(values['max-users'] ? { maxUsers: Number(values['max-users']) } : {}),
  log: (line) => process.stderr.write(`eval: ${line}\n`),
});
const name = path.basename(path.resolve(values.data)) === 'sample' ? 'sample' : 'full';
const section = table(report, name === 'sample' ? 'Shipped sample' : 'Full data (../shared/data)', started);
if (!values['print-only']) writeSection(name, section);
process.stdout.write(`${section}\n`);
