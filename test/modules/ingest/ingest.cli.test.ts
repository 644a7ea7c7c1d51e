// `npm run ingest` end to end: a real process, through the composition root, on the configured backend (a PGlite
// directory, or a scratch PostgreSQL database with TEST_DATABASE_URL), against a fake GitHub in this process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, createScratchDatabase, dropScratchDatabase, testDatabaseUrl } from '../../support/backends.js';
import { FakeGithub } from '../../support/fake-github.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe(`Ingest: the ingest command on ${backendName}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ost-ingest-cli-'));
  let databaseUrl: string | undefined;
  let github: FakeGithub;

  beforeAll(async () => {
    if (testDatabaseUrl) databaseUrl = await createScratchDatabase(testDatabaseUrl);
    github = await FakeGithub.start();
    github.addRepository('octocat/Hello-World', { contributors: [{ login: 'octocat', contributions: 32 }] });
    github.addRepository('octocat/Spoon-Knife');
  });
  afterAll(async () => {
    await github?.close();
    if (testDatabaseUrl && databaseUrl) await dropScratchDatabase(testDatabaseUrl, databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[], token: string | null = 'ghp_valid'): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/ingest.ts', ...args],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            DATA_DIR: dataDir,
            DATABASE_URL: databaseUrl ?? '',
            GITHUB_API_URL: github.url,
            GITHUB_TOKEN: token ?? '',
            LOG_LEVEL: 'info',
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('exits 2 with the usage on bad arguments, naming what is wrong, before touching GitHub', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'give exactly one of fullNames, owner or query'],
      [['--owner', 'octocat', '--query', 'x'], 'not owner and query'],
      [['--query', 'x', '--max', 'lots'], '--max: expected a whole number'],
      [['--query', 'x', '--profiles', 'everyone'], '--profiles: expected none, owners or all'],
      [['--repos', 'not a repo'], 'fullNames[0]: expected a repository full name'],
      [['--bogus'], "Unknown option '--bogus'"],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('Usage: npm run ingest');
    }
    expect(github.requests).toEqual([]);
    expect((await run(['--help'])).stdout).toContain('--incremental');
  });

  it('ingests as a recorded run, lists rejected records and prints the counts; a re-run is all 304s', async () => {
    const result = await run(['--repos', 'octocat/Hello-World,octocat/missing', '--repos', 'octocat/Spoon-Knife']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('repositories: 3 repositories'); // plain lines: stdout is not a terminal here
    expect(result.stdout).toContain(
      'octocat/missing (GET /repos/octocat/missing): not found on GitHub (404): it does not exist',
    );
    expect(result.stdout).toMatch(/^repositories\s+2\s+0\s+0\s+1$/m);
    expect(result.stdout).toMatch(/^total\s+5\s+0\s+0\s+1$/m); // 2 repositories, 1 user, 2 contributions
    expect(result.stdout).toMatch(/ingest succeeded \(pipeline run [0-9a-f-]{36}\)/);

    const again = await run(['--repos', 'octocat/Hello-World,octocat/Spoon-Knife']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^repositories\s+0\s+0\s+2\s+0$/m);
    expect(again.stdout).toContain('requests: 5 sent, 5 not modified (free)');
  });

  it('exits 1 with the code and reason when GitHub refuses the token', async () => {
    const result = await run(['--owner', 'octocat'], 'ghp_expired');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /ingest failed \(pipeline run [0-9a-f-]{36}\): UNAUTHENTICATED: GITHUB_TOKEN is invalid or expired/,
    );
  });

  it('warns on stderr when no token is set, and ingests unauthenticated', async () => {
    const result = await run(['--repos', 'octocat/Spoon-Knife', '--no-contributors', '--profiles', 'none'], null);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: GITHUB_TOKEN is not set');
    expect(result.stdout).toContain('warning: GITHUB_TOKEN is not set');
  });
});
