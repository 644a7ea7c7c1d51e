// Benchmark: Repository.similar on the full catalog (42,687 repositories) in PostgreSQL: latency of the similar
// statement inside the database and through GraphQL (in-process execution), and the HNSW index's recall@10
// against an exact scan at the ef_search the service uses.
//
//   npx tsx bench/similar.ts     # PostgreSQL on this machine, database ost_bench_full (made and filled on first use)
//   BENCH_DATABASE_URL=… npx tsx bench/similar.ts
//
// Writes the similar section of docs/benchmarks.md (--print-only prints it instead).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execute, parse } from 'graphql';
import { systemActor } from '../src/access/index.js';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { similarRequest, similarStatement } from '../src/modules/recommendations/similar/similar.query.js';
import { BASE_EF_SEARCH } from '../src/modules/recommendations/similar/similar.service.js';
import { ensureDatabase } from './bench-database.js';
import { ensureFullCatalog } from './full-catalog.js';
import { writeSection } from './report.js';
import { revision } from './revision.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const { values: flags } = parseArgs({ options: { 'print-only': { type: 'boolean', default: false } } });
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ost_bench_full';
const SAMPLES = 500;
const RECALL_SAMPLES = 200;
const FIRST = 10;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

await ensureDatabase(databaseUrl);
const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SAMPLE_IMPORT: 'off', RATE_LIMIT: 'off' });
const app = await compose(config, createLogger('warn'));
try {
  const sql = app.db.sql;
  const count = await ensureFullCatalog(app);
  const embedStarted = performance.now();
  const { pipeline } = app.modules.get('pipeline');
  const run = await pipeline.create('EMBED', {}, systemActor('bench'));
  await pipeline.execute(run.id, async (handle) => ({ ...(await app.modules.get('recommendations').embed(handle)) }));
  const embedded = (await pipeline.get(run.id)).result as { embedded: number; unchanged: number };
  const embedSeconds = (performance.now() - embedStarted) / 1000;
  await sql.query('ANALYZE repositories');

  const ids = (
    await sql.query<{ id: number; full_name: string }>(
      `SELECT id, full_name FROM repositories WHERE embedding IS NOT NULL ORDER BY md5(id::text) LIMIT ${SAMPLES}`,
    )
  ).map((row) => ({ id: row.id, fullName: row.full_name }));
  const request = similarRequest(FIRST, null);

  // 1. The statement inside the database (one parent, as a single field resolves), after a warm-up pass.
  const service = app.modules.get('recommendations').similar;
  for (const { id } of ids.slice(0, 50)) await service.similarTo([id], request);
  const dbTimes: number[] = [];
  for (const { id } of ids) {
    const started = performance.now();
    await service.similarTo([id], request);
    dbTimes.push(performance.now() - started);
  }
  dbTimes.sort((a, b) => a - b);

  // 2. Through GraphQL, executed in this process (no HTTP).
  const document = parse(
    `query ($n: String!) { repository(fullName: $n) { similar(first: ${FIRST}) { nodes { fullName } } } }`,
  );
  const gqlTimes: number[] = [];
  for (const { fullName } of ids) {
    const started = performance.now();
    const result = await execute({
      schema: app.schema,
      document,
      variableValues: { n: fullName },
      contextValue: app.createContext({ requestId: randomUUID(), logger: app.logger, viewer: systemActor('bench') }),
    });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    gqlTimes.push(performance.now() - started);
  }
  gqlTimes.sort((a, b) => a - b);

  // 3. HNSW recall@10 against the exact answer (sequential scan and sort). Many repositories have the same text
  // (a name and nothing else), so distances tie: an approximate neighbour at least as close as the exact 10th
  // counts as found, whichever of the tied rows the exact sort happened to list.
  let overlap = 0;
  let strictOverlap = 0;
  for (const { id } of ids.slice(0, RECALL_SAMPLES)) {
    const approximate = (await service.similarTo([id], request)).get(id)!;
    const { text, params } = similarStatement([id], request);
    const exact = await sql.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_indexscan = off');
      await tx.query('SET LOCAL enable_bitmapscan = off');
      return tx.query<{ id: number; similarity: number }>(text, params);
    });
    const floor = Math.min(...exact.map((row) => Number(row.similarity))) - 1e-6;
    overlap += approximate.filter((hit) => hit.similarity >= floor).length / Math.max(1, exact.length);
    strictOverlap +=
      approximate.filter((hit) => exact.some((row) => row.id === hit.id)).length / Math.max(1, exact.length);
  }
  const recall = overlap / RECALL_SAMPLES;
  const efSearch = Math.max(BASE_EF_SEARCH, FIRST * 2);

  const section = [
    '### Repository.similar on the full catalog (PostgreSQL + pgvector HNSW)',
    '',
    `\`npx tsx bench/similar.ts\`; ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, code at ${revision()}. ` +
      `${count < 40_000 ? 'Freshly imported' : 'The'} full data (42,687 repositories), hashing-v1 vectors ` +
      `(EMBED run: ${embedded.embedded.toLocaleString('en-US')} embedded, ${embedded.unchanged.toLocaleString('en-US')} unchanged, ` +
      `${embedSeconds.toFixed(1)} s). ${SAMPLES} repositories drawn by id hash, first ${FIRST}, no filter, one at a time.`,
    '',
    '| measure | p50 | p99 |',
    '|---|---:|---:|',
    `| similar statement (BEGIN, settings, query, COMMIT from this process) | ${percentile(dbTimes, 0.5).toFixed(2)} ms | ${percentile(dbTimes, 0.99).toFixed(2)} ms |`,
    `| through GraphQL (in-process execution, repository + similar + names) | ${percentile(gqlTimes, 0.5).toFixed(2)} ms | ${percentile(gqlTimes, 0.99).toFixed(2)} ms |`,
    '',
    `HNSW recall@${FIRST} against an exact scan over ${RECALL_SAMPLES} repositories: **${recall.toFixed(3)}** counting ` +
      `neighbours tied with the exact 10th as found (${(strictOverlap / RECALL_SAMPLES).toFixed(3)} by identity), at ` +
      `hnsw.ef_search = ${efSearch} (m = 16, ef_construction = 64: pgvector's defaults).`,
  ].join('\n');
  if (!flags['print-only']) writeSection('similar', section);
  console.log(section);
} finally {
  await app.close();
}
