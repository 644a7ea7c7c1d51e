// Benchmark: GraphQL read latency and throughput of a running server, the numbers the old recommender REST API
// promised (< 10 ms, 1000+ req/s). Starts the real server (`src/main.ts`) in a child process on the shipped
// sample, waits for the sample import, then loads it from this process over loopback HTTP.
//
//   npx tsx bench/api-latency.ts                       # embedded (PGlite)
//   BENCH_DATABASE_URL=postgres://… BENCH_REDIS_URL=redis://… npx tsx bench/api-latency.ts
//
// BENCH_RUNS (default 3) repeats every row, interleaved, and reports the median and min–max; BENCH_DURATION_MS
// (default 10000) is the length of one measurement, BENCH_CONCURRENCY (default 16) the highest concurrency.
// Writes its table into docs/benchmarks.md between the api-latency markers. Both processes share this machine's
// cores, so the numbers are a floor for a dedicated server.
//
// Experiments: --print-only prints the section instead of writing docs/benchmarks.md; --node-flags="…" passes
// flags to the server process, e.g. --node-flags="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under load
// (the profile is written when the server stops at the end); --only TEXT measures only the operations whose name
// contains TEXT (e.g. --only=repositories), so a profile shows one operation.
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { meaning, latencyTable, type Measurement, type Row } from './api-report.js';
import { startServer, waitFor } from './api-server.js';
import { runLoad } from './load.js';
import { measureLoad } from './measure.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..')); // src/main.ts and docs/ are relative to it

const { values: flags } = parseArgs({
  options: {
    'print-only': { type: 'boolean', default: false },
    'node-flags': { type: 'string' },
    only: { type: 'string' },
  },
});
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const repeats = Number(process.env.BENCH_RUNS ?? 3);
const NAMES_WANTED = 1_000;
const measuredRevision = revision();

const server = startServer({ databaseUrl, redisUrl, nodeFlags: flags['node-flags']?.split(/\s+/).filter(Boolean) });
const GRAPHQL = `${server.url}/graphql`;

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(GRAPHQL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad hoc response JSON in a benchmark script
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
};

/** Repository names spread over the catalog (not only its first page), for lookups by name. */
async function repositoryNames(): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  while (names.length < NAMES_WANTED) {
    const page = await gql(
      'query ($after: String) { repositories(first: 100, after: $after) { nodes { fullName } pageInfo { endCursor hasNextPage } } }',
      { after },
    );
    const connection = page.data?.repositories;
    if (!connection) throw new Error(`cannot list repositories: ${JSON.stringify(page.errors)}`);
    names.push(...connection.nodes.map((n: { fullName: string }) => n.fullName));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return names;
}

const measure = (body: () => string, clients: number): Promise<Measurement> =>
  measureLoad({ url: GRAPHQL, serverPid: server.pid, body, concurrency: clients, durationMs });

try {
  await server.guard(waitFor('the server', async () => ((await fetch(`${server.url}/ready`)).ok ? true : undefined)));
  // The sample is imported on first start; wait until the catalog is there (or the import failed).
  let queuedSince: number | undefined;
  const imported = await server.guard(
    waitFor('the sample import', async () => {
      const runs = await gql(
        '{ pipelineRuns(first: 5, kind: IMPORT) { nodes { status error } } repositories(first: 1) { totalCount } }',
      );
      const nodes: { status: string; error: string | null }[] = runs.data?.pipelineRuns.nodes ?? [];
      if (nodes.some((n) => n.status === 'SUCCEEDED')) return { ok: true };
      const failed = nodes.find((n) => n.status === 'FAILED');
      if (failed) return { ok: false, error: failed.error };
      // A run nobody takes stays QUEUED: say so instead of waiting out the timeout.
      queuedSince = nodes.some((n) => n.status === 'QUEUED') ? (queuedSince ?? Date.now()) : undefined;
      if (queuedSince !== undefined && Date.now() - queuedSince > 60_000) {
        return { ok: false, error: 'still QUEUED after 60 s: no process executes pipeline runs' };
      }
      return nodes.length === 0 && (runs.data?.repositories.totalCount ?? 0) > 0 ? { ok: true } : undefined;
    }),
  );
  if (!imported.ok) throw new Error(`the sample import failed: ${imported.error}`);
  const names = await repositoryNames();
  const catalogSize: number = (await gql('{ repositories(first: 1) { totalCount } }')).data!.repositories.totalCount;

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
  if (flags.only !== undefined)
    scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => s.name.includes(flags.only!)));
  const levels = [...new Set([1, 4, concurrency])];
  const rows: Row[] = scenarios.flatMap((s) => levels.map((c) => ({ operation: s.name, concurrency: c, runs: [] })));
  const bodyOf = (s: (typeof scenarios)[number]) => () => JSON.stringify({ query: s.query, variables: s.variables() });

  for (const scenario of scenarios) {
    await server.guard(runLoad({ url: GRAPHQL, body: bodyOf(scenario), concurrency, durationMs: 2_000 })); // warm-up
  }
  const loadBefore = loadavg()[0] ?? 0;
  // Repeats are interleaved (every row once, then again), so a busy minute on the shared machine spreads over rows.
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    for (const row of rows) {
      const scenario = scenarios.find((s) => s.name === row.operation)!;
      const m = await server.guard(measure(bodyOf(scenario), row.concurrency));
      (row.runs as Measurement[]).push(m);
      console.log(
        `run ${repeat + 1}/${repeats} | ${row.operation} | c=${row.concurrency} | ${m.load.rps.toFixed(0)} req/s | ` +
          `p50 ${m.load.p50.toFixed(2)} ms | p99 ${m.load.p99.toFixed(2)} ms | errors ${m.load.errors} | ` +
          `server ${m.serverCpu.toFixed(0)}% load ${m.loadCpu.toFixed(0)}%`,
      );
    }
  }

  const backend = databaseUrl
    ? `PostgreSQL 15 + pgvector${redisUrl ? ', Redis' : ''}`
    : 'embedded (PGlite, in-memory cache)';
  const command = databaseUrl
    ? `BENCH_DATABASE_URL=postgres://…${redisUrl ? ' BENCH_REDIS_URL=redis://…' : ''} npx tsx bench/api-latency.ts`
    : 'npx tsx bench/api-latency.ts';
  const section = [
    `### GraphQL reads over HTTP — ${backend}`,
    '',
    `\`${command}\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${measuredRevision}. The real server ` +
      `(\`src/main.ts\`, NODE_ENV=production) in a child process, on the shipped sample (${catalogSize.toLocaleString('en-US')} ` +
      `repositories); a closed-loop load generator in the benchmark process over loopback HTTP. ${repeats} runs of ` +
      `${durationMs / 1000} s per row, interleaved, after a 2 s warm-up; median (min–max) over the runs. Lookups by name ` +
      `draw from ${names.length.toLocaleString('en-US')} names across the catalog. CPU % is per process (100% = one core). ` +
      `1-minute load average of the shared machine: ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    '',
    ...latencyTable(rows),
    '',
    meaning(rows, Boolean(databaseUrl)),
  ].join('\n');
  if (flags['print-only']) {
    console.log(section);
  } else {
    writeSection(`api-latency:${databaseUrl ? 'postgres' : 'embedded'}`, section);
    console.log(`wrote the api-latency:${databaseUrl ? 'postgres' : 'embedded'} section of docs/benchmarks.md`);
  }
} finally {
  await server.stop();
}
