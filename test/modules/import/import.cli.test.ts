// `npm run import` end to end: a real process, through the composition root, on the configured backend (a
// PGlite directory, or a scratch PostgreSQL database with TEST_DATABASE_URL).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../../src/infra/db/index.js';
import { backendName, createScratchDatabase, dropScratchDatabase, testDatabaseUrl } from '../../support/backends.js';
import { ALL_FIXTURES, jsonlFile } from './fixtures.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe(`Import: the import command on ${backendName}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ost-import-cli-'));
  let databaseUrl: string | undefined;

  beforeAll(async () => {
    if (testDatabaseUrl) databaseUrl = await createScratchDatabase(testDatabaseUrl);
  });
  afterAll(async () => {
    if (testDatabaseUrl && databaseUrl) await dropScratchDatabase(testDatabaseUrl, databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[]): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/import.ts', ...args],
        {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: 'info' },
          timeout: 120_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = databaseUrl ? await openPostgres({ url: databaseUrl, poolSize: 1 }) : await openPglite(dataDir);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  it('exits 2 with the usage on an unknown option, a missing file or no file at all', async () => {
    for (const args of [
      ['--bogus'],
      ['--users', join(dataDir, 'missing.jsonl')],
      [],
      ['--sample', '--users', ALL_FIXTURES.users],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Usage: npm run import');
    }
    expect((await run(['--users', join(dataDir, 'missing.jsonl')])).stderr).toContain('--users: no such file');
  });

  it('prints the usage with --help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--contributions FILE');
  });

  it('imports files as a recorded IMPORT run, listing bad lines and a summary, and exits 0', async () => {
    const badTopics = jsonlFile(Array.from({ length: 25 }, (_, i) => ({ name: `Bad Topic ${i}` })));
    const result = await run(['--topics', badTopics, '--users', ALL_FIXTURES.users, '--repos', ALL_FIXTURES.repos]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('users: 10 lines'); // plain progress lines: stdout is not a terminal here
    expect(result.stdout).toContain(
      `${ALL_FIXTURES.users}:7: login: expected a GitHub login such as "octocat", got "bad login"`,
    );
    expect(result.stdout.match(new RegExp(`${badTopics}:\\d+: name:`, 'g'))).toHaveLength(20);
    expect(result.stdout).toContain('... and 5 more');
    expect(result.stdout).toMatch(/^total\s+44\s+9\s+0\s+0\s+1\s+34\s/m);
    const runId = /import succeeded \(pipeline run ([0-9a-f-]{36})\)/.exec(result.stdout)?.[1];
    expect(runId).toBeDefined();

    const recorded = await withDatabase((db) =>
      db.sql.query<{
        kind: string;
        status: string;
        result: { totals: { inserted: number } };
        params: { files: object };
      }>('SELECT kind::text AS kind, status::text AS status, result, params FROM pipeline_runs WHERE id = $1', [runId]),
    );
    expect(recorded).toEqual([
      {
        kind: 'IMPORT',
        status: 'SUCCEEDED',
        result: expect.objectContaining({ totals: expect.objectContaining({ inserted: 9 }) }),
        params: { files: { topics: badTopics, users: ALL_FIXTURES.users, repos: ALL_FIXTURES.repos } },
      },
    ]);
  });

  it('exits 1 and says why when the run fails', async () => {
    const truncated = join(dataDir, 'truncated.jsonl.gz');
    const whole = gzipSync('{"login":"a"}\n'.repeat(1000));
    writeFileSync(truncated, whole.subarray(0, whole.length - 30));
    const result = await run(['--users', truncated]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /import failed \(pipeline run [0-9a-f-]{36}\): cannot read ".*truncated\.jsonl\.gz": unexpected end of file/,
    );
  });
});
