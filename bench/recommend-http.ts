// Benchmark: User.recommendations over HTTP at concurrency 16, uncached (ANSWER_CACHE_TTL_SECONDS=0) and cached
// (memory, and Redis), against the full data already published by bench/recommend.ts (database
// ost_bench_recommend). Each request asks for one of 2,000 users with a list, drawn at random; the cached runs are
// measured after one pass over all of them.
//
//   npx tsx bench/recommend-http.ts [--print-only]      # BENCH_DATABASE_URL, BENCH_REDIS_URL to change
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startServer, waitFor } from './api-server.js';
import { runLoad, type LoadResult } from './load.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const { values: flags } = parseArgs({ options: { 'print-only': { type: 'boolean', default: false } } });
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ost_bench_recommend';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const USERS = 2_000;
const CONCURRENCY = 16;
const DURATION_MS = 15_000;
const QUERY =
  'query ($login: String!) { user(login: $login) { recommendations(first: 10) { nodes { repository { fullName } score reasons } } } }';

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const logins = (
  await client.query<{ login: string }>(
    `SELECT u.login FROM users u JOIN recommendation_lists l ON l.user_id = u.id
      JOIN recommendation_publication p ON p.run_id = l.run_id ORDER BY md5(u.login) LIMIT ${USERS}`,
  )
).rows.map((row) => row.login);
await client.end();
if (logins.length < USERS) throw new Error('no published recommendations: run bench/recommend.ts first');

const body = (login: string) => JSON.stringify({ query: QUERY, variables: { login } });
const check = (json: unknown) =>
  Array.isArray(
    (json as { data?: { user?: { recommendations?: { nodes?: unknown } } } }).data?.user?.recommendations?.nodes,
  );

async function measure(label: string, env: Record<string, string>, redis?: string): Promise<[string, LoadResult]> {
  const server = startServer({ databaseUrl, redisUrl: redis, env: { ...env, SAMPLE_IMPORT: 'off' } });
  try {
    const url = `${server.url}/graphql`;
    await server.guard(waitFor('the server', async () => ((await fetch(`${server.url}/ready`)).ok ? true : undefined)));
    // Warm-up: every user once (fills the cache when there is one; the uncached server warms its code paths).
    for (const login of logins)
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(login) });
    const result = await server.guard(
      runLoad({
        url,
        body: () => body(logins[Math.floor(Math.random() * logins.length)]!),
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        check,
      }),
    );
    return [label, result];
  } finally {
    await server.stop();
  }
}

const rows = [
  await measure('uncached (ANSWER_CACHE_TTL_SECONDS=0)', { ANSWER_CACHE_TTL_SECONDS: '0' }),
  await measure('cached in memory (no REDIS_URL)', {}),
  await measure('cached in Redis', {}, redisUrl),
];
const section = [
  '### User.recommendations over HTTP (full data, PostgreSQL)',
  '',
  `\`npx tsx bench/recommend-http.ts\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${revision()}. ` +
    `The server (\`NODE_ENV=production\`, \`RATE_LIMIT=off\`, one process) over the lists bench/recommend.ts published; ` +
    `\`${QUERY.replace(/\s+/g, ' ')}\` for one of ${USERS.toLocaleString('en-US')} users at random, ${CONCURRENCY} clients in a ` +
    `closed loop for ${DURATION_MS / 1000} s after one pass over every user.`,
  '',
  '| answers | req/s | p50 | p99 | errors |',
  '|---|---:|---:|---:|---:|',
  ...rows.map(
    ([label, r]) =>
      `| ${label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} |`,
  ),
].join('\n');
if (!flags['print-only']) writeSection('recommend-http', section);
console.log(section);
