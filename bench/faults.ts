// Fault drills against the services deployment, as an operator would run them: an API process and a worker over
// PostgreSQL and Redis, a steady read load from this process, and faults injected while it runs:
//   1. every PostgreSQL connection terminated (what a restart or failover does to clients) during an import run;
//   2. Redis stopped for REDIS_DOWN_MS while a mutation tries to start a run, then started again;
//   3. the worker SIGKILLed in the middle of an import, a second worker taking over.
// It records every request (status, error code, latency), how long until reads and mutations succeed again, and
// how the runs ended, and writes docs/reliability.md. Destructive: it stops and restarts the machine's Redis
// (127.0.0.1:6379, the command of machines/node-svc.md). Local addresses only; bounded in time.
//
//   npm run test:faults   (exits 1 naming what did not hold: a process died, a run did not succeed, an outage
//                          answered anything but UNAVAILABLE)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { revision } from './revision.js';

const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/12';
const REDIS_DOWN_MS = 5_000;
const CONCURRENCY = 4;
const READ = '{ repositories(first: 10) { nodes { fullName owner { login } } } }';

interface Sample {
  at: number;
  ms: number;
  status: number;
  code: string | null;
}

const freePort = async () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function launch(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function graphql(url: string, query: string): Promise<Sample & { body: Record<string, unknown> | null }> {
  const at = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json().catch(() => null)) as {
      errors?: Array<{ extensions?: { code?: string } }>;
    } | null;
    const code = body?.errors?.[0]?.extensions?.code ?? null;
    return { at, ms: performance.now() - at, status: response.status, code, body: body as Record<string, unknown> };
  } catch {
    return { at, ms: performance.now() - at, status: 0, code: 'NO_ANSWER', body: null };
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function runStatus(url: string, id: string): Promise<{ status: string; attempts: number; error: string | null }> {
  const answer = await graphql(url, `{ pipelineRun(id: "${id}") { status attempts error } }`);
  const data = answer.body?.['data'] as
    { pipelineRun: { status: string; attempts: number; error: string | null } } | undefined;
  return data?.pipelineRun ?? { status: 'UNKNOWN', attempts: 0, error: null };
}

/** Reads in a loop from CONCURRENCY clients until stop(); every answer is kept. */
function readLoad(url: string) {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: CONCURRENCY }, async () => {
    while (running) samples.push(await graphql(url, READ));
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

function summarise(samples: readonly Sample[], from: number, to: number) {
  const window = samples.filter((s) => s.at >= from && s.at <= to);
  const byCode = new Map<string, number>();
  for (const s of window) {
    const key = s.code ?? 'ok';
    byCode.set(key, (byCode.get(key) ?? 0) + 1);
  }
  const failed = window.filter((s) => s.code !== null);
  const lastFailure = failed.length > 0 ? Math.max(...failed.map((s) => s.at + s.ms)) : from;
  const slowest = window.length > 0 ? Math.max(...window.map((s) => s.ms)) : 0;
  return { requests: window.length, byCode: Object.fromEntries(byCode), recoveredAfterMs: lastFailure - from, slowest };
}

const redisCommand = [
  'redis-server',
  ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no'],
] as const;

async function main(): Promise<void> {
  const name = `ost_faults_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const port = await freePort();
  const api = `http://127.0.0.1:${port}/graphql`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: `ost-faults-${randomBytes(3).toString('hex')}`,
    SAMPLE_IMPORT: 'off',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    // A killed worker's run is taken over within seconds (drill 3), not after the 30 s defaults.
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_CHECK_MS: '1000',
  };
  const children = [launch('src/main.ts', { ...env, PORT: String(port) })];
  const rows: string[] = [];
  try {
    await until('the API', async () => (await graphql(api, '{ __typename }')).status === 200);
    children.push(launch('src/cli/worker.ts', env));
    const first = await graphql(api, 'mutation { importSample { id } }');
    const firstId = (first.body?.['data'] as { importSample: { id: string } }).importSample.id;
    await until('the first import', async () => (await runStatus(api, firstId)).status === 'SUCCEEDED');

    // 1. PostgreSQL drops every connection while a run imports and reads go on.
    const load = readLoad(api);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const started = await graphql(api, 'mutation { importSample { id } }');
    const runId = (started.body?.['data'] as { importSample: { id: string } }).importSample.id;
    await until('the import to run', async () => (await runStatus(api, runId)).status === 'RUNNING');
    const dropAt = performance.now();
    const { rows: pids } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [
      name,
    ]);
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids.map((r) => r.pid)]);
    await until('the import to end', async () => !['QUEUED', 'RUNNING'].includes((await runStatus(api, runId)).status));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const pgRun = await runStatus(api, runId);
    const pgReads = summarise(load.samples, dropAt, performance.now());

    // 2. Redis away for REDIS_DOWN_MS: reads go on, starting a run answers at once, then works again.
    const redisDownAt = performance.now();
    spawnSync('redis-cli', ['-p', '6379', 'shutdown', 'nosave']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refused = await graphql(api, 'mutation { importSample { id } }');
    await new Promise((resolve) => setTimeout(resolve, REDIS_DOWN_MS - 500));
    spawnSync(redisCommand[0], [...redisCommand[1], '--dir', '/var/lib/redis']);
    const redisUpAt = performance.now();
    let mutationBackAfterMs = -1;
    await until('a run to start again', async () => {
      const again = await graphql(api, 'mutation { importSample { id } }');
      if (again.code !== null) return false;
      mutationBackAfterMs = performance.now() - redisUpAt;
      return true;
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await load.stop();
    const redisReads = summarise(load.samples, redisDownAt, performance.now());
    const alive = children.every((child) => child.exitCode === null && child.signalCode === null);

    // 3. The worker killed without a word in the middle of an import; a second worker takes the run over.
    await until('the queue to accept runs', async () => (await graphql(api, '{ __typename }')).status === 200);
    const killedRun = await graphql(api, 'mutation { importSample { id } }');
    const killedId = (killedRun.body?.['data'] as { importSample: { id: string } }).importSample.id;
    await until('the import to run', async () => (await runStatus(api, killedId)).status === 'RUNNING');
    const worker = children[1]!;
    worker.kill('SIGKILL');
    const killedAt = performance.now();
    children.push(launch('src/cli/worker.ts', env));
    await until(
      'the killed run to end',
      async () => !['QUEUED', 'RUNNING'].includes((await runStatus(api, killedId)).status),
      180_000,
    );
    const takenOver = await runStatus(api, killedId);
    const endedAfterMs = performance.now() - killedAt;

    rows.push(
      `| PostgreSQL: every connection terminated during an import run | ${pgReads.requests} | ${JSON.stringify(pgReads.byCode)} | ${Math.round(pgReads.recoveredAfterMs)} ms | run ${pgRun.status} (attempts ${pgRun.attempts}) |`,
      `| worker SIGKILLed mid-import, a second one started | – | – | run ended ${Math.round(endedAfterMs)} ms after the kill | run ${takenOver.status} (attempts ${takenOver.attempts}) |`,
      `| Redis stopped ${REDIS_DOWN_MS / 1000} s, started again | ${redisReads.requests} | ${JSON.stringify(redisReads.byCode)} | mutation ok ${Math.round(mutationBackAfterMs)} ms after restart | importSample during the outage: HTTP ${refused.status} ${refused.code ?? 'ok'} in ${Math.round(refused.ms)} ms |`,
    );
    writeFileSync(
      'docs/reliability.md',
      `# Reliability: fault drills

Measured by \`npx tsx bench/faults.ts\` on ${revision()} (services deployment: one API process and one worker over PostgreSQL 15 and
Redis 7 on the same 2-core machine, ${CONCURRENCY} clients reading \`repositories(first: 10)\` with owners in a loop;
faults injected while they run). Reads and errors are counted from the fault until the end of its scenario;
"recovered" is when the last failed read ended, counted from the fault.

| fault | reads | answers by code | recovered | runs |
| --- | ---: | --- | --- | --- |
${rows.join('\n')}

The API and worker processes stayed alive through the PostgreSQL and Redis drills: ${alive ? 'yes' : 'NO'}.

What this shows and what it does not: one run of each drill on a shared machine (the figures move between runs:
an earlier run saw no failed read at all when PostgreSQL dropped its connections). Redis is restarted without
persistence, so jobs waiting in it during the outage are lost with it (their runs were recorded FAILED "not queued"
by then). The same faults are asserted, not measured, by the services test suite (test/e2e/distributed.test.ts,
*.faults.test.ts), which CI runs.
`,
    );
    process.stdout.write(`${rows.join('\n')}\nprocesses alive: ${alive}\nwrote docs/reliability.md\n`);
    // As a suite (npm run test:faults): what must hold whatever the figures.
    const problems = [
      ...(alive ? [] : ['a process died during the drills']),
      ...(pgRun.status === 'SUCCEEDED' ? [] : [`the import under the PostgreSQL drop ended ${pgRun.status}`]),
      ...(takenOver.status === 'SUCCEEDED' ? [] : [`the run of the killed worker ended ${takenOver.status}`]),
      ...(refused.status === 503 && refused.code === 'UNAVAILABLE'
        ? []
        : [`starting a run with Redis down answered ${refused.status} ${refused.code ?? 'ok'}, not 503 UNAVAILABLE`]),
      ...(Object.keys(pgReads.byCode).every((code) => code === 'ok' || code === 'UNAVAILABLE')
        ? []
        : [`reads during the PostgreSQL drop got ${JSON.stringify(pgReads.byCode)}`]),
    ];
    if (problems.length > 0) {
      process.stderr.write(`fault drills: ${problems.length} failed:\n- ${problems.join('\n- ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

await main();
