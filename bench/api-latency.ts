// Benchmark: GraphQL read latency and throughput of a running server, the numbers the old recommender REST API
// promised (< 10 ms, 1000+ req/s). Starts the real server (`src/main.ts`) in a child process on the shipped
// sample, waits for the sample import, then loads it from this process over loopback HTTP.
//
//   npx tsx bench/api-latency.ts                       # embedded (PGlite)
//   BENCH_DATABASE_URL=postgres://… BENCH_REDIS_URL=redis://… npx tsx bench/api-latency.ts
//
// Writes its table into docs/benchmarks.md between the api-latency markers. Both processes share this machine's
// cores, so the numbers are a floor for a dedicated server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from './load.js';
import { writeSection } from './report.js';

const PORT = 4500 + Math.floor(Math.random() * 400);
const URL_ = `http://127.0.0.1:${PORT}/graphql`;
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad hoc response JSON in a benchmark script
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
};

const dataDir = mkdtempSync(join(tmpdir(), 'ost-bench-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

try {
  await waitFor('the server', async () => ((await fetch(`http://127.0.0.1:${PORT}/ready`)).ok ? true : undefined));
  // The sample is imported on first start; wait until the catalog is there.
  await waitFor('the sample import', async () => {
    const runs = await gql(
      '{ pipelineRuns(first: 5, kind: IMPORT) { nodes { status } } repositories(first: 1) { totalCount } }',
    );
    const statuses: string[] = runs.data?.pipelineRuns.nodes.map((n: { status: string }) => n.status) ?? [];
    const done = statuses.includes('SUCCEEDED') || (statuses.length === 0 && runs.data?.repositories.totalCount > 0);
    return done ? true : undefined;
  });
  const names: string[] = (
    await gql('{ repositories(first: 100) { nodes { fullName } } }')
  ).data!.repositories.nodes.map((n: { fullName: string }) => n.fullName);

  const scenarios: Array<{ name: string; query: string; variables: () => Record<string, unknown> }> = [
    {
      name: 'repository(fullName) with owner',
      query: 'query ($n: String!) { repository(fullName: $n) { fullName stars language owner { login } } }',
      variables: () => ({ n: names[Math.floor(Math.random() * names.length)] }),
    },
    {
      name: 'repositories(first: 20) with owners',
      query: '{ repositories(first: 20) { nodes { fullName stars owner { login } } pageInfo { endCursor } } }',
      variables: () => ({}),
    },
  ];

  const rows: string[] = [];
  for (const scenario of scenarios) {
    const body = () => JSON.stringify({ query: scenario.query, variables: scenario.variables() });
    await runLoad({ url: URL_, body, concurrency, durationMs: 2_000 }); // warm-up: JIT, caches, connections
    for (const c of [1, concurrency]) {
      const r: LoadResult = await runLoad({
        url: URL_,
        body,
        concurrency: c,
        durationMs,
        check: (json) => !(json as { errors?: unknown }).errors,
      });
      rows.push(
        `| ${scenario.name} | ${c} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`,
      );
      console.log(rows.at(-1));
    }
  }
  const backend = databaseUrl
    ? `PostgreSQL 15 + pgvector${redisUrl ? ', Redis' : ''}`
    : 'embedded (PGlite, in-memory cache)';
  writeSection(
    `api-latency:${databaseUrl ? 'postgres' : 'embedded'}`,
    [
      `### GraphQL reads over HTTP — ${backend}`,
      '',
      `\`npx tsx bench/api-latency.ts\`${databaseUrl ? ' with BENCH_DATABASE_URL' : ''}; ${new Date().toISOString().slice(0, 10)}, ` +
        `${durationMs / 1000} s per row, server and load generator on the same 2-core machine, sample data (3k repositories).`,
      '',
      '| operation | concurrency | requests | errors | req/s | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n'),
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
