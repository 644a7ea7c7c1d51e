// `npm run recommend` as a real process on an embedded database of its own: a wrong option exits 2; on a catalog
// with nothing to learn a ranker from the run fails with what to do (exit 1) and publishes nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ost-recommend-cli-'));

function recommend(...args: string[]): Promise<{ code: number | null; output: string }> {
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, SAMPLE_IMPORT: 'off', LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/recommend.ts', ...args], { cwd: ROOT, env });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe('npm run recommend', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 2 on an option it does not know, with the usage', async () => {
    const run = await recommend('--bogus');
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/^recommend: Unknown option '--bogus'/);
    expect(run.output).toContain('Usage: npm run recommend');
  });

  it('fails with what to do on an empty catalog (no ranker to learn), exit 1', async () => {
    const run = await recommend();
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/no user has 3 contributions to learn one from; import contributions/);
  }, 60_000);
});
