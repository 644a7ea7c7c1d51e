// OST Graph against PostGraphile v5 on the same PostgreSQL and the same data, side by side in one run (issue 13).
//
//   npx tsx bench/peer.ts [--seconds 15] [--warmup 5] [--rounds 2] [--connections 16] [--before DIR] [--no-build]
//                         [--embedded DIR]
//
// Both servers run on Node 24 as production would: OST Graph compiled (`npm run build`, `node dist/main.js`,
// NODE_ENV=production LOG_LEVEL=warn), PostGraphile 5 (devDependency) with its Amber preset and simplify-inflection
// (bench/peer/serve-postgraphile.mjs). Each loads the full data (../shared/data) into its own database on first use:
// OST Graph through its importer, the peer into a neutral schema (bench/peer/load-peer.mjs). wrk, one thread,
// 16 connections, alternates the servers query by query (warm-up, then the measured run), for several rounds; the
// table has medians. OST Graph runs twice: with limits on (a MEMBER's token, cost analysis, the rate limiter in Redis
// with a budget no run exhausts) and with RATE_LIMIT=off. `--before DIR` (repeatable): also older checkouts, each
// built in its DIR (dist/: a `git worktree` and `npm run build`), with RATE_LIMIT=off, before/after in one run. `--embedded DIR`: also the embedded
// deployment (PGlite in the server process) on a DATA_DIR holding the full data (imported there on first use; the
// older build gets a copy, one process per data directory). Writes docs/benchmarks.md (bench:peer).
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureDatabase } from './bench-database.js';
const FULL_DATA = '../shared/data';
import { readProc } from './proc-sampler.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';
import { median } from './stats.js';
import { checkWrk, wrk, type WrkResult } from './wrk.js';
import { QUERIES, type PeerQuery } from './peer/queries.js';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    before: { type: 'string', multiple: true },
    embedded: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(flags.seconds);
const WARMUP = Number(flags.warmup);
const ROUNDS = Number(flags.rounds);
const CONNECTIONS = Number(flags.connections);
const PG = process.env['BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432';
const OST_DB = `${PG}/ost_bench_read`;
const PEER_DB = `${PG}/ost_bench_peer`;
const REDIS = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/13';
const JWT_SECRET = 'bench-peer-secret-0123456789abcdef0123456789';
const NODE = process.execPath;

interface Server {
  readonly name: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly process: ChildProcess;
  /** Prometheus text of the server's /metrics (OST Graph only), for its GC time. */
  readonly metrics?: () => Promise<string>;
  readonly query: (q: PeerQuery) => string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

const fullDataArgs = () => {
  const file = (name: string) => `${FULL_DATA}/${name}`;
  return [
    ...['--topics', file('topics.jsonl.gz'), '--users', file('users.jsonl.gz'), '--repos', file('repos.jsonl.gz')],
    ...['--provenance', file('repos_provenance.jsonl.gz'), '--contributions', file('interactions.jsonl.gz')],
  ];
};

/** The embedded deployment's data directory with the full data (imported on first use, a few minutes). */
function prepareEmbedded(dir: string): void {
  if (existsSync(join(dir, 'full-data-imported'))) return;
  console.log(`importing the full data into ${dir} (embedded PGlite, a few minutes)`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  delete env['REDIS_URL'];
  execFileSync(NODE, ['--import', 'tsx', 'src/cli/import.ts', ...fullDataArgs()], { stdio: 'inherit', env });
  writeFileSync(join(dir, 'full-data-imported'), new Date().toISOString());
}

async function prepareDatabases(): Promise<void> {
  await ensureDatabase(OST_DB);
  await ensureDatabase(PEER_DB);
  if ((await count(OST_DB, 'SELECT count(*) AS n FROM repositories')) < 40_000) {
    console.log('importing the full data into ost_bench_read (about a minute)');
    execFileSync(NODE, ['--import', 'tsx', 'src/cli/import.ts', ...fullDataArgs()], {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: OST_DB, REDIS_URL: '', LOG_LEVEL: 'warn' },
    });
  }
  if ((await count(PEER_DB, 'SELECT count(*) AS n FROM repositories')) < 40_000) {
    console.log('loading the full data into ost_bench_peer (about a minute and a half)');
    execFileSync(NODE, ['bench/peer/load-peer.mjs', PEER_DB], {
      stdio: 'inherit',
      env: { ...process.env, PEER_DATA: `${FULL_DATA}/` },
    });
  }
}

async function waitForAnswer(url: string, body: string, headers: Record<string, string>, child: ChildProcess) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      const text = await response.text();
      if (response.ok) return text;
    } catch {
      // not listening yet
    }
  }
  throw new Error(`${url}: no answer within 2 minutes`);
}

/** The commit an older checkout is at (its servers are named by it). */
function commitOf(dir: string): string {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return dir;
  }
}

function memberToken(): string {
  const out = execFileSync(
    NODE,
    ['--import', 'tsx', 'src/cli/token.ts', '--login', 'bench-member', '--role', 'MEMBER'],
    {
      encoding: 'utf8',
      env: { ...process.env, JWT_SECRET, LOG_LEVEL: 'warn' },
    },
  );
  return out.trim().split('\n').at(-1)!;
}

/** `env.DATA_DIR` set: the embedded deployment (no DATABASE_URL, no REDIS_URL). */
async function startOst(
  name: string,
  dir: string,
  port: number,
  env: Record<string, string>,
  token?: string,
): Promise<Server> {
  const metricsPort = port + 1000;
  const services = env['DATA_DIR'] ? {} : { DATABASE_URL: OST_DB, REDIS_URL: REDIS };
  const inherited = { ...process.env };
  delete inherited['DATABASE_URL'];
  delete inherited['REDIS_URL'];
  const child = spawn(NODE, ['dist/main.js'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // No first-start work (demo OKRs, recommendations, training) competing with the measured requests.
      SAMPLE_IMPORT: 'off',
      ...services,
      JWT_SECRET,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      ...env,
    },
  });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForAnswer(url, JSON.stringify({ query: '{ __typename }' }), headers, child);
  return {
    name,
    url,
    headers,
    process: child,
    metrics: async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(),
    query: (q) => q.ost,
  };
}

async function startPeer(port: number): Promise<Server> {
  const child = spawn(NODE, ['bench/peer/serve-postgraphile.mjs', String(port), PEER_DB], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForAnswer(url, JSON.stringify({ query: '{ __typename }' }), {}, child);
  return { name: 'PostGraphile 5.1.5', url, headers: {}, process: child, query: (q) => q.peer };
}

/** Seconds spent in garbage collection so far, from prom-client's nodejs_gc_duration_seconds. */
async function gcSeconds(server: Server): Promise<number | undefined> {
  if (!server.metrics) return undefined;
  const text = await server.metrics();
  let sum = 0;
  for (const match of text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} ([\d.e+-]+)$/gm)) sum += Number(match[1]);
  return sum;
}

interface Reading extends WrkResult {
  cpuPercent: number;
  rssMiB: number;
  gcShare?: number;
}

async function measure(server: Server, q: PeerQuery): Promise<Reading> {
  const body = JSON.stringify({ query: server.query(q) });
  await wrk({ url: server.url, body, headers: server.headers, seconds: WARMUP, connections: CONNECTIONS });
  const pid = server.process.pid!;
  const before = readProc(pid)!;
  const gcBefore = await gcSeconds(server);
  const started = performance.now();
  const result = await wrk({
    url: server.url,
    body,
    headers: server.headers,
    seconds: SECONDS,
    connections: CONNECTIONS,
  });
  const wallMs = performance.now() - started;
  const after = readProc(pid)!;
  const gcAfter = await gcSeconds(server);
  return {
    ...result,
    cpuPercent: ((after.cpuMs - before.cpuMs) / wallMs) * 100,
    rssMiB: after.rssKiB / 1024,
    ...(gcBefore !== undefined && gcAfter !== undefined && { gcShare: ((gcAfter - gcBefore) * 1000) / wallMs }),
  };
}

async function main(): Promise<void> {
  await checkWrk();
  await prepareDatabases();
  if (!flags['no-build']) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const token = memberToken();
  const servers: Server[] = [];
  const stopAll = () => servers.forEach((server) => server.process.kill('SIGTERM'));
  process.on('exit', stopAll);
  try {
    servers.push(await startPeer(5701));
    servers.push(
      await startOst(
        'OST Graph, limits on (member token, rate limiter in Redis)',
        '.',
        5702,
        { RATE_LIMIT: 'on', RATE_LIMIT_POINTS: '1000000000' },
        token,
      ),
    );
    servers.push(await startOst('OST Graph, RATE_LIMIT=off', '.', 5703, { RATE_LIMIT: 'off' }));
    const befores = flags.before ?? [];
    for (const [i, dir] of befores.entries()) {
      servers.push(await startOst(`OST Graph at ${commitOf(dir)}`, dir, 5710 + i, { RATE_LIMIT: 'off' }));
    }
    if (flags.embedded) {
      const dir = resolve(flags.embedded);
      prepareEmbedded(dir);
      servers.push(
        await startOst('OST Graph embedded (PGlite), RATE_LIMIT=off', '.', 5705, { RATE_LIMIT: 'off', DATA_DIR: dir }),
      );
      if (befores[0]) {
        // One process per data directory: the older build gets a copy.
        const copy = `${dir}-before`;
        rmSync(copy, { recursive: true, force: true });
        cpSync(dir, copy, { recursive: true });
        rmSync(join(copy, 'ost-graph.lock'), { force: true });
        servers.push(
          await startOst(`OST Graph at ${commitOf(befores[0])}, embedded (PGlite)`, befores[0], 5706, {
            RATE_LIMIT: 'off',
            DATA_DIR: copy,
          }),
        );
      }
    }
    const idle = new Map(servers.map((server) => [server.name, readProc(server.process.pid!)!.rssKiB / 1024]));

    // The answers must be the same data: same shape, and sizes within a few percent (names of fields differ).
    const bytes = new Map<string, number>();
    for (const q of QUERIES) {
      for (const server of servers) {
        const text = await waitForAnswer(
          server.url,
          JSON.stringify({ query: server.query(q) }),
          server.headers,
          server.process,
        );
        if (!text.startsWith('{"data":{') || text.includes('"errors"'))
          throw new Error(`${server.name} ${q.id}: ${text.slice(0, 300)}`);
        bytes.set(`${server.name}|${q.id}`, text.length);
      }
    }

    const load = [loadavg()[0]!];
    const readings = new Map<string, Reading[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of QUERIES) {
        // Alternate who goes first, round by round.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          const reading = await measure(server, q);
          const key = `${server.name}|${q.id}`;
          readings.set(key, [...(readings.get(key) ?? []), reading]);
          console.log(
            `round ${round + 1} ${q.id} ${server.name}: ${reading.requestsPerSecond.toFixed(0)} req/s, p99 ${reading.p99Ms.toFixed(1)} ms, CPU ${reading.cpuPercent.toFixed(0)}%`,
          );
        }
      }
    }
    load.push(loadavg()[0]!);
    const report = renderReport(servers, readings, bytes, idle, load);
    console.log(report);
    if (!flags['no-write']) writeSection('peer', report);
  } finally {
    stopAll();
  }
}

function renderReport(
  servers: readonly Server[],
  readings: ReadonlyMap<string, Reading[]>,
  bytes: ReadonlyMap<string, number>,
  idle: ReadonlyMap<string, number>,
  load: readonly number[],
): string {
  const of = (server: Server, q: PeerQuery) => readings.get(`${server.name}|${q.id}`) ?? [];
  const med = (list: Reading[], pick: (r: Reading) => number | undefined) => {
    const values = list.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.length > 0 ? median(values) : Number.NaN;
  };
  const peer = servers[0]!;
  const rows: string[] = [];
  for (const q of QUERIES) {
    const peerRate = med(of(peer, q), (r) => r.requestsPerSecond);
    for (const server of servers) {
      const list = of(server, q);
      const rate = med(list, (r) => r.requestsPerSecond);
      const gc = med(list, (r) => r.gcShare);
      rows.push(
        `| ${q.id} | ${server.name} | ${rate.toFixed(0)} | ${server === peer ? '1.00' : (rate / peerRate).toFixed(2)} | ${med(list, (r) => r.p50Ms).toFixed(1)} | ${med(list, (r) => r.p99Ms).toFixed(1)} | ${med(list, (r) => r.cpuPercent).toFixed(0)} | ${Number.isNaN(gc) ? '–' : `${(gc * 100).toFixed(1)}%`} | ${med(list, (r) => r.rssMiB).toFixed(0)} | ${bytes.get(`${server.name}|${q.id}`)} | ${list.reduce((sum, r) => sum + r.failures, 0)} |`,
      );
    }
  }
  return `### Read path against PostGraphile v5 (full data, PostgreSQL 15, side by side)

\`npx tsx bench/peer.ts${(flags.before ?? []).map(() => ' --before DIR').join('')}${flags.embedded ? ' --embedded DIR' : ''}\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${revision()}. The same PostgreSQL, the same full data (${FULL_DATA}: 42,687 repositories, 129,053 contributions), each server in its own database; wrk -t1 -c${CONNECTIONS}, ${WARMUP} s warm-up then ${SECONDS} s per query and server, the servers alternating, ${ROUNDS} rounds; medians. CPU % is the server process's (100% = one core; the machine has 2, shared with PostgreSQL and wrk). GC: share of the measured wall time the server spent in garbage collection (prom-client's nodejs_gc_duration_seconds; PostGraphile has no such metric). RSS: resident memory at the end of the run (idle after start: ${[...idle].map(([name, mib]) => `${name} ${mib.toFixed(0)} MiB`).join(', ')}). 1-minute load average: ${load[0]!.toFixed(1)} before, ${load[1]!.toFixed(1)} after.

${QUERIES.map((q) => `- ${q.id}, ${q.title}: \`${q.ost}\` (PostGraphile: \`${q.peer}\`)`).join('\n')}

| query | server | req/s | vs PostGraphile | p50 ms | p99 ms | server CPU % | GC | RSS MiB | response bytes | failures |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`;
}

await main();
