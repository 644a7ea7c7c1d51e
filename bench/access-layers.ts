// Benchmark: what each access layer costs a catalog read, in one run on one database so the ratios hold.
//   anonymous                 RATE_LIMIT=off, no token: cost analysis only
//   with a token              RATE_LIMIT=off, a bearer token (HS256 verification) on every request
//   token + limiter (Redis)   RATE_LIMIT=on with the counters in Redis (one INCR round trip per request)
//
//   npx tsx bench/access-layers.ts        # PostgreSQL and Redis on this machine (database ost_bench, Redis db 13)
//   BENCH_DATABASE_URL=… BENCH_REDIS_URL=… npx tsx bench/access-layers.ts
//
// BENCH_RUNS (5) interleaved rounds of BENCH_DURATION_MS (10000) at BENCH_CONCURRENCY (16), after a warm-up;
// median (min–max). Writes the access-layers section of docs/benchmarks.md (--print-only prints it instead).
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signToken } from '../src/access/token-issuer.js';
import { startServer, waitFor, type BenchServer } from './api-server.js';
import { runLoad, type LoadResult } from './load.js';
import { ensureDatabase } from './bench-database.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';
import { median, medianRange } from './stats.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const { values: flags } = parseArgs({ options: { 'print-only': { type: 'boolean', default: false } } });
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ost_bench';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const repeats = Number(process.env.BENCH_RUNS ?? 5);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const QUERY = '{ repositories(first: 10) { nodes { fullName stars owner { login } } } }';

async function ready(server: BenchServer): Promise<void> {
  await server.guard(waitFor('the server', async () => ((await fetch(`${server.url}/ready`)).ok ? true : undefined)));
  await server.guard(
    waitFor('the catalog', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ repositories(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as { data?: { repositories: { totalCount: number } } };
      return (body.data?.repositories.totalCount ?? 0) > 0 ? true : undefined;
    }),
  );
}

await ensureDatabase(databaseUrl);
const common = { JWT_SECRET: SECRET, PIPELINE_EXECUTION: 'inline' };
const open = startServer({ databaseUrl, redisUrl, env: { ...common, RATE_LIMIT: 'off' } });
let limited: BenchServer | undefined;
try {
  await ready(open); // imports the sample into an empty database
  limited = startServer({
    databaseUrl,
    redisUrl,
    // A budget no run can spend: every request is charged in Redis, none is refused.
    env: { ...common, RATE_LIMIT: 'on', RATE_LIMIT_POINTS: '1000000000', RATE_LIMIT_POINTS_ANONYMOUS: '1000000000' },
  });
  await ready(limited);
  const token = await signToken({
    login: 'bench',
    role: 'VIEWER',
    ttlSeconds: 3_600,
    issuer: 'ost-graph',
    audience: 'ost-graph',
    secret: SECRET,
  });
  const auth = { authorization: `Bearer ${token}` };
  const rows: Array<{ name: string; server: BenchServer; headers: Record<string, string>; runs: LoadResult[] }> = [
    { name: 'anonymous (cost analysis)', server: open, headers: {}, runs: [] },
    { name: 'with a token (+ JWT verification)', server: open, headers: auth, runs: [] },
    { name: 'token + rate limiter on Redis', server: limited, headers: auth, runs: [] },
  ];
  const load = (row: (typeof rows)[number], ms: number) =>
    row.server.guard(
      runLoad({
        url: `${row.server.url}/graphql`,
        body: () => JSON.stringify({ query: QUERY }),
        headers: row.headers,
        concurrency,
        durationMs: ms,
        check: (json) => !(json as { errors?: unknown }).errors,
      }),
    );
  for (const row of rows) await load(row, 5_000); // warm-up: JIT, connection pools, the plan cache
  const loadBefore = loadavg()[0] ?? 0;
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    for (const row of rows) {
      const result = await load(row, durationMs);
      row.runs.push(result);
      console.log(
        `run ${repeat + 1}/${repeats} | ${row.name} | ${result.rps.toFixed(0)} req/s | p99 ${result.p99.toFixed(2)} ms | errors ${result.errors}`,
      );
    }
  }
  const base = median(rows[0]!.runs.map((r) => r.rps));
  const table = [
    '| request | req/s | vs anonymous | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((row) => {
      const rps = row.runs.map((r) => r.rps);
      const errors = row.runs.reduce((sum, r) => sum + r.errors, 0);
      return `| ${row.name} | ${medianRange(rps, 0)} | ${(median(rps) / base).toFixed(2)} | ${median(row.runs.map((r) => r.p50)).toFixed(2)} | ${median(row.runs.map((r) => r.p99)).toFixed(2)} | ${errors} |`;
    }),
  ];
  const section = [
    '### Access layers: the cost of a token and of the Redis rate limiter',
    '',
    `\`npx tsx bench/access-layers.ts\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${revision()}. ` +
      `Two servers (\`src/main.ts\`, NODE_ENV=production, PostgreSQL + Redis on this machine, the shipped sample): ` +
      `RATE_LIMIT=off, and RATE_LIMIT=on with its counters in Redis. \`${QUERY}\` (cost 31) at concurrency ` +
      `${concurrency}, ${repeats} interleaved runs of ${durationMs / 1000} s after a warm-up; median (min–max). ` +
      `1-minute load average: ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    '',
    ...table,
  ].join('\n');
  if (flags['print-only']) console.log(section);
  else writeSection('access-layers', section);
  console.log(section);
} finally {
  await limited?.stop();
  await open.stop();
}
