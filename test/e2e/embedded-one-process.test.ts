// The trap a new user hit: `npm run import` while `npm start` serves the same embedded DATA_DIR said "import
// succeeded", and the rows were gone after a restart (two PGlite processes on one directory). Now the second
// process fails at once, saying what to do; `--server` imports through the running server; the rows survive a
// restart. Real processes, embedded deployment only (the services deployment shares PostgreSQL by design).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppProcess, freePort } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/import');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('Embedded: one process owns DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ost-one-process-'));
  const processes: AppProcess[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (port: number) => ({
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SAMPLE_IMPORT: 'off',
    IMPORT_DIR: FIXTURES,
    LOG_LEVEL: 'info',
  });
  const startServer = async (port: number) => {
    const server = new AppProcess('server', 'src/main.ts', env(port));
    processes.push(server);
    await server.waitForLog(/^OST Graph ready/);
    return server;
  };
  const importCli = (args: string[], port: number): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/import.ts', ...args],
        { cwd: ROOT, env: { ...process.env, ...env(port), DATABASE_URL: '', REDIS_URL: '' }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const userCount = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ users { totalCount } }' }),
    });
    return ((await response.json()) as { data: { users: { totalCount: number } } }).data.users.totalCount;
  };

  it('refuses a second process at once, imports through the server instead, and keeps the rows across a restart', async () => {
    const port = await freePort();
    const server = await startServer(port);
    const users = join(FIXTURES, 'users.jsonl');

    const refused = await importCli(['--users', users], port);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `the embedded database in ${dataDir} is in use by another process (pid ${server.pid}`,
    );
    expect(refused.stderr).toContain('npm run import -- --server');
    expect(refused.stdout).not.toContain('succeeded');

    const sent = await importCli(['--server', `http://127.0.0.1:${port}/graphql`, '--users', users], port);
    expect(sent.stderr).not.toContain('failed');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('import succeeded');
    const imported = await userCount(port);
    expect(imported).toBeGreaterThan(0);

    // Outside IMPORT_DIR: refused by the server before any run is recorded, naming the file and the fix.
    const outside = await importCli(['--server', `http://127.0.0.1:${port}/graphql`, '--users', '/etc/hostname'], port);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('BAD_USER_INPUT: users: "/etc/hostname" is outside IMPORT_DIR');

    await server.stop();
    expect(await server.exited).toBe(0);
    const again = await startServer(port);
    expect(await userCount(port)).toBe(imported);
    await again.stop();
  });
});
