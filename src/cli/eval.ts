// npm run eval -- [--data DIR] [--seed N] [--max-users N] [--print-only] [--topics-only]: the recommender's offline
// evaluation (leave-one-out, full ranking; src/modules/recommendations/quality) on the data files, written into
// docs/quality.md between markers named after the data set; --topics-only: the encoders' topic retrieval instead.
// Reproducible: the same files and seed give the same table.
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
  loadTopicTexts,
  roundWeights,
  topicRetrieval,
  trainEvaluationEncoder,
  EVALUATED_TOPICS,
  type EvaluationReport,
  type TopicRetrievalReport,
} from '../modules/recommendations/index.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    seed: { type: 'string', default: '42' },
    'max-users': { type: 'string' },
    'print-only': { type: 'boolean', default: false },
    'topics-only': { type: 'boolean', default: false },
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

function topicTable(reports: TopicRetrievalReport[], dataName: string, started: number): string {
  const report = reports[0]!;
  return [
    `### Topic retrieval, ${dataName}: the ${report.topics} most used topics`,
    '',
    `\`npm run eval -- --data ${values.data} --topics-only\`; ${new Date().toISOString().slice(0, 10)}, ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s. Each topic's text (display name, short description, ` +
      `description) embedded; its ${report.k} nearest repositories (exact cosine over the whole catalog) against ` +
      "the repositories tagged with it. The trained encoder never saw these topics' texts (their descriptions " +
      'are held out of its training pairs).',
    '',
    `| encoder | precision@${report.k} | chance (share of the catalog a topic tags) |`,
    '|---|---:|---:|',
    ...reports.map((r) => `| ${r.encoder} | ${r.precision.toFixed(3)} | ${r.chance.toFixed(4)} |`),
  ].join('\n');
}

const started = Date.now();
const logger = createLogger('warn');
const ml = await initMlRuntime({ backend: 'auto', logger });
const data = await loadInteractionFiles(values.data);
const name = path.basename(path.resolve(values.data)) === 'sample' ? 'sample' : 'full';
const dataName = name === 'sample' ? 'Shipped sample' : 'Full data (../shared/data)';
const topicTexts = await loadTopicTexts(values.data);
const splitOptions = {
  seed: Number(values.seed),
  ...(values['max-users'] ? { maxUsers: Number(values['max-users']) } : {}),
};
const log = (line: string) => process.stderr.write(`eval: ${line}\n`);
// Trained for this evaluation from what it may see (quality/evaluation-encoder.ts): the same seed, the same encoder.
const trained = await trainEvaluationEncoder(data, topicTexts, { tf: ml.tf, ...splitOptions, log });
if (values['topics-only']) {
  const topics = [];
  for (const embedder of [new HashingEmbedder(), trained])
    topics.push(await topicRetrieval(data, topicTexts, { tf: ml.tf, embedder, topics: EVALUATED_TOPICS }));
  const section = topicTable(topics, dataName, started);
  if (!values['print-only']) writeSection(`topics-${name}`, section);
  process.stdout.write(`${section}\n`);
  process.exit(0);
}
const report = await evaluate(data, {
  tf: ml.tf,
  embedder: trained,
  otherEmbedders: [new HashingEmbedder()],
  ...splitOptions,
  log,
});
const section = table(report, dataName, started);
if (!values['print-only']) writeSection(name, section);
process.stdout.write(`${section}\n`);
