// Benchmark: the RECOMMEND pipeline on the full data (42,687 repositories, 98,063 users with a contribution) in
// PostgreSQL, run as `npm run recommend` would (the CLI, a child process sampled through /proc): a first run on a
// catalog with no vectors and no ranker (embeds everything, learns and registers the ranker, scores everyone), a
// re-run on the unchanged catalog (copies every list), a re-run after 20 new contributions (re-scores the
// users they touch), and a run that trains the text encoder first (then re-embeds and re-scores everything). Then User.recommendations(first: 10) through GraphQL (in-process), uncached.
//
//   npx tsx bench/recommend.ts     # PostgreSQL on this machine, database ost_bench_recommend (made and filled)
//   BENCH_DATABASE_URL=… npx tsx bench/recommend.ts [--print-only]
//   npx tsx bench/recommend.ts --reads-only   # only the read latencies, on the lists already there
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execute, parse } from 'graphql';
import { systemActor } from '../src/access/index.js';
import { compose, type App } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { ensureDatabase } from './bench-database.js';
import { ensureFullCatalog } from './full-catalog.js';
import { sampleProcess } from './proc-sampler.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const { values: flags } = parseArgs({
  options: { 'print-only': { type: 'boolean', default: false }, 'reads-only': { type: 'boolean', default: false } },
});
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ost_bench_recommend';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const USERS_SAMPLED = 500;
const NEW_CONTRIBUTIONS = 20;

interface PipelineReading {
  label: string;
  wallSeconds: number;
  peakRssMiB: number;
  cpuSeconds: number;
  result: Record<string, unknown>;
  stages: Array<{ name: string; seconds: number }>;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** `npm run recommend` as a child process, sampled from outside; the run's result and stage times from the database. */
async function recommendCli(
  app: App,
  label: string,
  args: string[] = [],
  env: Record<string, string> = {},
  helper: { pid: number } | null = null,
): Promise<PipelineReading> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/recommend.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sampler = sampleProcess(child.pid!);
  const helperSampler = helper ? sampleProcess(helper.pid) : null;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  const samples = sampler.stop();
  const helperSamples = helperSampler?.stop() ?? [];
  if (code !== 0) throw new Error(`recommend exited ${code}:\n${output}`);
  // A helper's CPU counts from when this run started (it idled before), its peak beside the run's own.
  const helperCpu = helperSamples.length > 1 ? helperSamples.at(-1)!.cpuMs - helperSamples[0]!.cpuMs : 0;
  const [run] = await app.db.sql.query<{ result: Record<string, unknown>; stages: Array<Record<string, string>> }>(
    "SELECT result, stages FROM pipeline_runs WHERE kind = 'RECOMMEND' ORDER BY created_at DESC LIMIT 1",
  );
  return {
    label,
    wallSeconds: (performance.now() - started) / 1000,
    peakRssMiB: Math.max(...samples.map((s) => s.hwmKiB), ...helperSamples.map((s) => s.hwmKiB)) / 1024,
    cpuSeconds: ((samples.at(-1)?.cpuMs ?? 0) + helperCpu) / 1000,
    result: run!.result,
    stages: run!.stages.map((stage) => ({
      name: stage.name!,
      seconds: (Date.parse(stage.finishedAt!) - Date.parse(stage.startedAt!)) / 1000,
    })),
  };
}

/**
 * The first run again in the services deployment's shape on 2 cores: `npm run recommend` with Redis, and one
 * `npm run worker` beside it that executes the run's SCORE helpers, so two processes score batches at once.
 */
async function recommendWithWorker(app: App, label: string): Promise<PipelineReading> {
  const env = {
    REDIS_URL: redisUrl,
    PIPELINE_EXECUTION: 'queue',
    QUEUE_PREFIX: `bench-recommend-${randomUUID().slice(0, 8)}`,
  };
  const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli/worker.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, failed) => {
    worker.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('pipeline worker ready')) ready();
    });
    worker.once('exit', (code) => failed(new Error(`the worker exited (${code}) before it was ready`)));
  });
  try {
    return await recommendCli(app, label, [], env, { pid: worker.pid! });
  } finally {
    const gone = new Promise((done) => worker.once('exit', done));
    worker.kill('SIGTERM');
    await gone;
  }
}

/** A clean slate for the first run: no vectors, no lists, no ranker. */
async function resetRecommendations(app: App): Promise<void> {
  const sql = app.db.sql;
  await sql.query('DELETE FROM recommendation_publication');
  await sql.query('DELETE FROM recommendation_lists');
  await sql.query(
    'UPDATE repositories SET embedding = NULL, embedding_version = NULL, embedding_hash = NULL WHERE embedding IS NOT NULL',
  );
  await sql.query(
    'UPDATE users SET embedding = NULL, embedding_version = NULL, embedding_hash = NULL WHERE embedding IS NOT NULL',
  );
  await sql.query("DELETE FROM models WHERE name IN ('recommendation-ranker', 'text-encoder')");
}

async function addContributions(app: App): Promise<void> {
  await app.db.sql.query(
    `INSERT INTO contributions (user_id, repository_id)
     SELECT u.id, r.id FROM
       (SELECT id, row_number() OVER (ORDER BY md5(id::text || $2)) AS n FROM users
         WHERE id IN (SELECT user_id FROM contributions) LIMIT $1) u
       JOIN (SELECT id, row_number() OVER (ORDER BY md5(id::text || 'r' || $2)) AS n FROM repositories LIMIT $1) r
         USING (n)
     ON CONFLICT DO NOTHING`,
    // Drawn anew each time: the pairs of an earlier run are already there and would change nothing.
    [NEW_CONTRIBUTIONS, String(Date.now())],
  );
}

/** One pass over `logins` (after a warm-up on other users when `warm`); p50 and p99 in ms. */
async function readLatency(app: App, logins: readonly string[]): Promise<{ p50: number; p99: number }> {
  const document = parse(
    'query ($login: String!) { user(login: $login) { recommendations(first: 10) { nodes { repository { fullName } score reasons } } } }',
  );
  const run = async (login: string) => {
    const result = await execute({
      schema: app.schema,
      document,
      variableValues: { login },
      contextValue: app.createContext({ requestId: randomUUID(), logger: app.logger, viewer: systemActor('bench') }),
    });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  };
  const times: number[] = [];
  for (const login of logins) {
    const started = performance.now();
    await run(login);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** Uncached (a process with the answer cache off; warmed on other users), then cached (a second pass). */
async function reads(): Promise<string> {
  const uncachedApp = await compose(loadConfig({ ...baseEnv, ANSWER_CACHE_TTL_SECONDS: '0' }), createLogger('warn'));
  const cachedApp = await compose(loadConfig(baseEnv), createLogger('warn'));
  try {
    const logins = (
      await uncachedApp.db.sql.query<{ login: string }>(
        `SELECT u.login FROM users u JOIN recommendation_lists l ON l.user_id = u.id
          JOIN recommendation_publication p ON p.run_id = l.run_id ORDER BY md5(u.login) LIMIT ${USERS_SAMPLED + 50}`,
      )
    ).map((row) => row.login);
    const [warm, measured] = [logins.slice(0, 50), logins.slice(50)];
    await readLatency(uncachedApp, warm);
    const uncached = await readLatency(uncachedApp, measured);
    await readLatency(cachedApp, measured);
    const cached = await readLatency(cachedApp, measured);
    return (
      `\`User.recommendations(first: 10) { nodes { repository { fullName } score reasons } }\` through GraphQL ` +
      `(in-process execution, one at a time) for ${measured.length} users drawn by login hash: uncached (answer ` +
      `cache off, warmed on 50 other users) p50 ${uncached.p50.toFixed(2)} ms, p99 ${uncached.p99.toFixed(2)} ms; ` +
      `cached (second pass, memory cache) p50 ${cached.p50.toFixed(2)} ms, p99 ${cached.p99.toFixed(2)} ms.`
    );
  } finally {
    await uncachedApp.close();
    await cachedApp.close();
  }
}

await ensureDatabase(databaseUrl);
const baseEnv = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SAMPLE_IMPORT: 'off', RATE_LIMIT: 'off' };
if (flags['reads-only']) {
  console.log(await reads());
  process.exit(0);
}
const app = await compose(loadConfig(baseEnv), createLogger('warn'));
try {
  await ensureFullCatalog(app);
  await resetRecommendations(app);
  const readings = [await recommendCli(app, 'first run (embed all, learn ranker, score all)')];
  readings.push(await recommendCli(app, 're-run, nothing changed'));
  await addContributions(app);
  readings.push(await recommendCli(app, `re-run after ${NEW_CONTRIBUTIONS} new contributions`));
  readings.push(
    await recommendCli(app, 'with --train-encoder (train, re-embed all, learn ranker, score all)', ['--train-encoder']),
  );
  await resetRecommendations(app);
  readings.push(await recommendWithWorker(app, 'first run, with one worker process sharing the scoring (Redis queue)'));
  const readLine = await reads();
  const [counts] = await app.db.sql.query<{ repositories: number; users: number }>(
    `SELECT (SELECT count(*)::int FROM repositories) AS repositories,
            (SELECT count(DISTINCT user_id)::int FROM contributions) AS users`,
  );

  const cell = (reading: PipelineReading, key: string) => Number(reading.result[key] ?? 0).toLocaleString('en-US');
  const section = [
    '### The RECOMMEND pipeline on the full data (PostgreSQL)',
    '',
    `\`npx tsx bench/recommend.ts\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${revision()}. ` +
      `${counts!.repositories.toLocaleString('en-US')} repositories, ${counts!.users.toLocaleString('en-US')} users with a ` +
      'contribution. `npm run recommend` as a child process (inline: one process scores every batch), sampled ' +
      'through /proc; the first run starts with no vectors, no lists and no ranker. The last row starts from that ' +
      "clean slate again, with Redis and one `npm run worker` process executing the run's SCORE helpers (2 " +
      'processes on the 2 cores; its peak RSS is the larger of the two, its CPU their sum).',
    '',
    '| run | wall | peak RSS | CPU | scored | copied | stages (s) |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...readings.map(
      (r) =>
        `| ${r.label} | ${r.wallSeconds.toFixed(1)} s | ${r.peakRssMiB.toFixed(0)} MiB | ${r.cpuSeconds.toFixed(1)} s | ` +
        `${cell(r, 'scored')} | ${cell(r, 'copied')} | ${r.stages.map((s) => `${s.name} ${s.seconds.toFixed(1)}`).join(', ')} |`,
    ),
    '',
    readLine,
  ].join('\n');
  if (!flags['print-only']) writeSection('recommend', section);
  console.log(section);
} finally {
  await app.close();
}
