// Benchmark: OKR reads with forecasts, and check-ins on one key result, through the real server (`src/main.ts`)
// on a fresh start's data (the shipped sample, the demo OKRs, kr-forecast trained on synthetic histories).
//
//   npx tsx bench/okrs.ts                                              # embedded (PGlite)
//   BENCH_DATABASE_URL=postgres://… BENCH_REDIS_URL=redis://… npx tsx bench/okrs.ts
//
// Rows: the objectives list of issue 12 (`objectives(first: 20) { nodes { keyResults { nodes { forecast {
// probability } } } } }`) beside the same list without forecasts (the forecast's cost as a ratio, measured in the
// same run), at concurrency 1 and BENCH_CONCURRENCY (16); then check-ins on ONE key result by 16 clients at once
// (each an atomic transaction on that row, its event, and the forecast recomputed before it is announced).
// BENCH_RUNS (3) interleaved repeats of BENCH_DURATION_MS (10 s); median (min–max). Writes the okrs section of
// docs/benchmarks.md (--print-only prints it). The server waits for its first start to end before measuring.
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signToken } from '../src/access/token-issuer.js';
import { latencyTable, type Measurement, type Row } from './api-report.js';
import { startServer, waitFor } from './api-server.js';
import { runLoad } from './load.js';
import { measureLoad } from './measure.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';
import { median } from './stats.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const { values: flags } = parseArgs({ options: { 'print-only': { type: 'boolean', default: false } } });
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const repeats = Number(process.env.BENCH_RUNS ?? 3);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const measuredRevision = revision();

const server = startServer({ databaseUrl, redisUrl, env: { JWT_SECRET: SECRET } });
const GRAPHQL = `${server.url}/graphql`;
const token = await signToken({
  login: 'bench-admin',
  role: 'ADMIN',
  ttlSeconds: 7_200,
  issuer: 'ost-graph',
  audience: 'ost-graph',
  secret: SECRET,
});
const headers = { authorization: `Bearer ${token}` };
const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(GRAPHQL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad hoc response JSON in a benchmark script
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
};

const measure = (body: () => string, clients: number): Promise<Measurement> =>
  measureLoad({ url: GRAPHQL, serverPid: server.pid, body, concurrency: clients, durationMs, headers });

const WITH_FORECASTS =
  '{ objectives(first: 20) { nodes { title status progress keyResults { nodes { title progress forecast { probability } } } } } }';
const WITHOUT_FORECASTS =
  '{ objectives(first: 20) { nodes { title status progress keyResults { nodes { title progress } } } } }';

try {
  await server.guard(waitFor('the server', async () => ((await fetch(`${server.url}/ready`)).ok ? true : undefined)));
  // The first start: sample import, demo OKRs, kr-forecast, recommendations, repo-language, the text encoder.
  // Measuring while it trains would measure the training: wait until no run is queued or running any more.
  const firstStart = await server.guard(
    waitFor(
      'the first start',
      async () => {
        const state = await gql(
          '{ active: pipelineRuns(first: 1, status: [QUEUED, RUNNING]) { totalCount } ended: pipelineRuns(first: 20) { nodes { kind status } } objectives(first: 1) { totalCount } }',
        );
        const ended = (state.data?.ended.nodes ?? []) as Array<{ kind: string; status: string }>;
        const failed = ended.find((run) => run.status === 'FAILED');
        if (failed) throw new Error(`a first-start run failed: ${failed.kind}`);
        const done = state.data?.active.totalCount === 0 && ended.filter((r) => r.kind === 'RECOMMEND').length >= 2;
        return done ? { objectives: state.data!.objectives.totalCount as number } : undefined;
      },
      900_000,
    ),
  );
  const first = await gql(
    `{ objectives(first: 20) { nodes { keyResults { nodes { databaseId forecast { probability } } } } } }`,
  );
  const keyResults = (first.data?.objectives.nodes ?? []).flatMap(
    (o: { keyResults: { nodes: Array<{ databaseId: number; forecast: unknown }> } }) => o.keyResults.nodes,
  );
  if (keyResults.length === 0 || keyResults.some((kr: { forecast: unknown }) => kr.forecast === null))
    throw new Error(`expected forecasts on every key result: ${JSON.stringify(first).slice(0, 300)}`);
  const target = keyResults[0].databaseId as number;
  let value = 0;
  const scenarios = [
    {
      name: 'objectives(first: 20) with key results, no forecast',
      body: () => JSON.stringify({ query: WITHOUT_FORECASTS }),
      levels: [1, concurrency],
    },
    {
      name: 'objectives(first: 20) with key results and forecast { probability }',
      body: () => JSON.stringify({ query: WITH_FORECASTS }),
      levels: [1, concurrency],
    },
    {
      name: 'checkIn on one key result',
      body: () =>
        JSON.stringify({
          query:
            'mutation ($k: Int!, $v: Float!) { checkIn(input: { keyResultId: $k, value: $v, confidence: 0.6 }) { databaseId } }',
          variables: { k: target, v: (value = (value + 1) % 1000) },
        }),
      levels: [1, concurrency],
    },
  ];
  const rows: Row[] = scenarios.flatMap((s) => s.levels.map((c) => ({ operation: s.name, concurrency: c, runs: [] })));
  for (const s of scenarios)
    await server.guard(runLoad({ url: GRAPHQL, body: s.body, concurrency, durationMs: 2_000, headers }));
  const loadBefore = loadavg()[0] ?? 0;
  for (let repeat = 0; repeat < repeats; repeat += 1)
    for (const row of rows) {
      const scenario = scenarios.find((s) => s.name === row.operation)!;
      const m = await server.guard(measure(scenario.body, row.concurrency));
      (row.runs as Measurement[]).push(m);
      console.log(
        `run ${repeat + 1}/${repeats} | ${row.operation} | c=${row.concurrency} | ${m.load.rps.toFixed(0)} req/s | ` +
          `p50 ${m.load.p50.toFixed(2)} ms | p99 ${m.load.p99.toFixed(2)} ms | errors ${m.load.errors}`,
      );
    }
  // Every check-in counted: the key result's check-ins match the requests answered without an error.
  const answered = rows
    .filter((r) => r.operation.startsWith('checkIn'))
    .reduce((sum, r) => sum + r.runs.reduce((s, m) => s + m.load.requests - m.load.errors, 0), 0);
  const stored = (
    await gql(
      `{ objectives(first: 100) { nodes { keyResults { nodes { databaseId checkIns(first: 1) { totalCount } } } } } }`,
    )
  ).data?.objectives.nodes
    .flatMap(
      (o: { keyResults: { nodes: Array<{ databaseId: number; checkIns: { totalCount: number } }> } }) =>
        o.keyResults.nodes,
    )
    .find((kr: { databaseId: number }) => kr.databaseId === target)?.checkIns.totalCount as number;

  const rps = (name: string, c: number) =>
    median(rows.find((r) => r.operation.startsWith(name) && r.concurrency === c)!.runs.map((m) => m.load.rps));
  const ratio =
    rps('objectives(first: 20) with key results and forecast', concurrency) /
    rps('objectives(first: 20) with key results, no', concurrency);
  const backend = databaseUrl
    ? `PostgreSQL 15${redisUrl ? ', Redis' : ''}`
    : 'embedded (PGlite, in-memory cache and pubsub)';
  const command = databaseUrl
    ? `BENCH_DATABASE_URL=postgres://…${redisUrl ? ' BENCH_REDIS_URL=redis://…' : ''} npx tsx bench/okrs.ts`
    : 'npx tsx bench/okrs.ts';
  const section = [
    `### OKRs: objectives with forecasts, check-ins on one key result — ${backend}`,
    '',
    `\`${command}\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${measuredRevision}. The real ` +
      `server after its first start (${firstStart.objectives} demo objectives, every key result forecast by kr-forecast), ` +
      `an ADMIN token; closed-loop clients over loopback HTTP, ${repeats} interleaved runs of ${durationMs / 1000} s per row ` +
      `after a 2 s warm-up, median (min–max). Load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    '',
    ...latencyTable(rows),
    '',
    `With forecasts the list answers at ${(ratio * 100).toFixed(0)}% of the rate of the same list without them (c=${concurrency}, ` +
      'same run): stored forecasts are read with one statement for the whole page; a check-in recomputes its own. ' +
      `Check-ins serialise on the key result's row lock (one transaction each: the check-in, the key result, the ` +
      `objective's progress, the activity event; then the forecast). All ${answered.toLocaleString('en-US')} check-ins answered ` +
      `without an error are stored (the key result holds ${stored?.toLocaleString('en-US') ?? '?'} check-ins, warm-ups included).`,
  ].join('\n');
  if (flags['print-only']) console.log(section);
  else {
    writeSection(`okrs:${databaseUrl ? 'postgres' : 'embedded'}`, section);
    console.log(`wrote the okrs:${databaseUrl ? 'postgres' : 'embedded'} section of docs/benchmarks.md`);
  }
} finally {
  await server.stop();
}
