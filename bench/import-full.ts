// Benchmark: the full import of the real data set (../shared/data: 42,687 repositories, their provenance, 98,063
// users, 129,053 contributions, 1,255 topics) through the real CLI, in a child process watched from outside
// (RSS and peak RSS from /proc every 100 ms, so the memory is the real process's). Each cycle imports into an
// empty database, then imports the same files again (idempotent: everything unchanged).
//
//   npx tsx bench/import-full.ts                       # PostgreSQL: a scratch database per cycle, dropped after
//   npx tsx bench/import-full.ts --pglite              # also embedded PGlite (a temporary DATA_DIR per cycle)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/import-full.ts [--reset]
//
// Options: --runs N (BENCH_RUNS, default 3), --data DIR (BENCH_DATA_DIR, default ../shared/data), --pglite,
// --pglite-only, --reset (truncate BENCH_DATABASE_URL's catalog first), --samples DIR (raw samples as CSV),
// --node-flags "…" (extra flags for the import process, e.g. --max-old-space-size=128), --print-only (print the
// section instead of writing docs/benchmarks.md: for experiments).
// BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) creates and drops the scratch databases;
// BENCH_REDIS_URL, when set, is the child's REDIS_URL. Writes the sections import-full:postgres and
// import-full:pglite of docs/benchmarks.md.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runImportChild, type ChildRun } from './import-child.js';
import {
  countsTable,
  gcTable,
  memoryVerdict,
  overallTable,
  peakKiB,
  perFileTable,
  rssGrowthMiB,
  rssTable,
  type Cycle,
} from './import-report.js';
import { namedPostgres, scratchPglite, scratchPostgres, type ImportTarget } from './import-target.js';
import { saveSamples } from './import-samples.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';
import { median, medianRange } from './stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT); // the CLI path and docs/benchmarks.md are relative to the repository root

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string' },
    data: { type: 'string' },
    pglite: { type: 'boolean', default: false },
    'pglite-only': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    samples: { type: 'string' },
    'node-flags': { type: 'string' },
    'print-only': { type: 'boolean', default: false },
  },
});
const runs = Number(flags.runs ?? process.env.BENCH_RUNS ?? 3);
const dataDir = resolve(ROOT, flags.data ?? process.env.BENCH_DATA_DIR ?? '../shared/data');
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const namedUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;

const FILES = {
  topics: 'topics.jsonl.gz',
  users: 'users.jsonl.gz',
  repos: 'repos.jsonl.gz',
  provenance: 'repos_provenance.jsonl.gz',
  contributions: 'interactions.jsonl.gz',
} as const;
const args = Object.entries(FILES).flatMap(([option, name]) => [`--${option}`, join(dataDir, name)]);
for (const path of args.filter((_, i) => i % 2 === 1)) {
  if (!existsSync(path)) throw new Error(`missing data file ${path} (set --data or BENCH_DATA_DIR)`);
}
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got ${flags.runs}`);
if (namedUrl && runs > 1 && !flags.reset) {
  throw new Error('BENCH_DATABASE_URL with more than one run needs --reset (each cycle starts from an empty catalog)');
}
if (Number(process.versions.node.split('.')[0]) < 22) {
  throw new Error(`Node ${process.versions.node}: run with the pinned Node 24 (npx tsx bench/import-full.ts)`);
}

type Backend = 'postgres' | 'pglite';
const measuredRevision = revision();
const backends: Backend[] = flags['pglite-only'] ? ['pglite'] : flags.pglite ? ['postgres', 'pglite'] : ['postgres'];

/** The child's last lines, without the --trace-gc ones. */
const withoutGcLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => !/^\[\d+:0x[0-9a-f]+\]/.test(line))
    .slice(-30)
    .join('\n');

async function importOnce(target: ImportTarget, label: string): Promise<ChildRun> {
  // Only what the CLI needs: no DATABASE_URL/REDIS_URL leaking in from this shell.
  const { DATABASE_URL: _d, REDIS_URL: _r, DATA_DIR: _dd, ...env } = process.env;
  const child = await runImportChild({
    args,
    // --trace-gc prints a line per collection (a few dozen in a run): the full ones say how much the heap holds.
    nodeFlags: ['--trace-gc', ...(flags['node-flags']?.split(' ').filter(Boolean) ?? [])],
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...target.env,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
  });
  if (child.exitCode !== 0 || !child.runId) {
    throw new Error(`${label}: the import exited with ${child.exitCode}\n${withoutGcLines(child.output)}`);
  }
  return child;
}

async function cycleOn(backend: Backend, index: number): Promise<Cycle> {
  const target =
    backend === 'pglite'
      ? await scratchPglite()
      : namedUrl
        ? await namedPostgres(namedUrl, flags.reset)
        : await scratchPostgres(adminUrl, `bench_import_${process.pid}_${index}`);
  try {
    const load = loadavg()[0] ?? 0;
    const first = await importOnce(target, `${backend} run ${index + 1} first import`);
    const again = await importOnce(target, `${backend} run ${index + 1} re-import`);
    const [firstSummary, againSummary] = await target.summaries([first.runId!, again.runId!]);
    if (flags.samples) saveSamples(flags.samples, `${backend}-${index + 1}-first`, first);
    if (flags.samples) saveSamples(flags.samples, `${backend}-${index + 1}-again`, again);
    const cycle: Cycle = {
      first: { child: first, summary: firstSummary! },
      again: { child: again, summary: againSummary! },
      dbBytes: await target.sizeBytes(),
      loadavg: load,
    };
    for (const [label, m] of [
      ['first import', cycle.first],
      ['re-import', cycle.again],
    ] as const) {
      const rate = m.summary.totals.read / (m.summary.durationMs / 1000);
      console.log(
        `${backend} run ${index + 1}/${runs} ${label}: wall ${(m.child.wallMs / 1000).toFixed(1)} s, import ${(m.summary.durationMs / 1000).toFixed(1)} s, ` +
          `${rate.toFixed(0)} rows/s, peak RSS ${(peakKiB(m.child) / 1024).toFixed(0)} MiB (load ${load.toFixed(2)})`,
      );
    }
    return cycle;
  } finally {
    await target.dispose();
  }
}

function section(backend: Backend, cycles: Cycle[]): string {
  const growth = (pick: (c: Cycle) => ChildRun) => cycles.map((c) => rssGrowthMiB(pick(c)));
  const first = growth((c) => c.first.child);
  const again = growth((c) => c.again.child);
  const changed = cycles.map((c) => c.again.summary.totals.inserted + c.again.summary.totals.updated);
  const rejected = cycles.map((c) => c.first.summary.totals.rejected);
  const title =
    backend === 'postgres' ? `PostgreSQL 15 + pgvector${namedUrl ? ' (BENCH_DATABASE_URL)' : ''}` : 'embedded PGlite';
  const command =
    backend === 'postgres' ? 'npx tsx bench/import-full.ts' : 'npx tsx bench/import-full.ts --pglite-only';
  return [
    `### Full import of \`../shared/data\` — ${title}`,
    '',
    `\`${command}${runs === 3 ? '' : ` --runs ${runs}`}\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${measuredRevision}. ` +
      `${runs} cycles, each: a first import into an empty database, then the same files again. ` +
      'The real CLI (`node --import tsx src/cli/import.ts --topics … --users … --repos … --provenance … --contributions …`) runs as a child process; ' +
      'its memory is read from outside (`/proc/<pid>/status` VmRSS and VmHWM, every 100 ms). ' +
      `The machine has 2 cores shared with other engineers' test runs (1-minute load average before the cycles: ${cycles.map((c) => c.loadavg.toFixed(1)).join(', ')})` +
      `${backend === 'postgres' ? ', and PostgreSQL runs on the same 2 cores' : ''}. ` +
      'Median (min–max) over the cycles. "import s" is the importer\'s own time (counting pass, validation, batched upserts of 1,000 rows, ANALYZE); ' +
      '"wall s" adds process start, TypeScript loading and migrations.',
    '',
    ...overallTable(cycles),
    '',
    ...perFileTable(cycles),
    '',
    `RSS against lines processed (the median cycle; progress as the CLI prints it, about every tenth of each file). ` +
      `From 10% to 100% of the lines, RSS moved by ${medianRange(
        first.map((g) => g.growth),
        0,
      )} MiB on the first import ` +
      `and ${medianRange(
        again.map((g) => g.growth),
        0,
      )} MiB on the re-import.`,
    '',
    ...rssTable(cycles),
    '',
    memoryVerdict(backend, cycles),
    '',
    ...gcTable(cycles),
    '',
    ...countsTable(cycles),
    '',
    `Re-import changed ${changed.every((n) => n === 0) ? 'nothing in every cycle (idempotent)' : `rows: ${changed.join(', ')} per cycle — NOT idempotent`}; ` +
      `lines rejected on the first import: ${rejected.join(', ')}. Database size after the import: ${(median(cycles.map((c) => c.dbBytes)) / 1024 / 1024).toFixed(0)} MiB.`,
  ].join('\n');
}

for (const backend of backends) {
  const cycles: Cycle[] = [];
  for (let i = 0; i < runs; i += 1) cycles.push(await cycleOn(backend, i));
  if (flags['print-only']) {
    console.log(section(backend, cycles));
  } else {
    writeSection(`import-full:${backend}`, section(backend, cycles));
    console.log(`wrote the import-full:${backend} section of docs/benchmarks.md`);
  }
}
