// `npm run train` end to end, as a real process on an embedded database of its own: bad arguments exit 2 before
// anything is opened; on the sample's repositories it trains, prints the held-out metrics next to the majority
// baseline's, and exits 0 with the version registered.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ost-train-cli-'));

/** Runs a CLI entry on this Node (the pinned one) with only the variables given; resolves with its exit code and lines. */
function cli(entry: string, args: string[]): { exited: Promise<number | null>; output: string[] } {
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, SAMPLE_IMPORT: 'off', LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      output.push(...text.split('\n'));
      resolve(code);
    }),
  );
  return { exited, output };
}
const train = (...args: string[]) => cli('src/cli/train.ts', args);

describe('npm run train', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['--epochs', '5'], /^train: --model is required$/],
    [['--model', 'repo-language', '--epochs', 'many'], /^train: --epochs: "many" is not a number$/],
    [
      ['--model', 'repo-language', '--epochs', '500'],
      /^train: params\.epochs must be a whole number from 1 to 200; got 500$/,
    ],
  ])('%j: exit 2 with what to fix', async (args, message) => {
    const run = train(...args);
    expect(await run.exited).toBe(2);
    expect(run.output[0]).toMatch(message);
  });

  it('answers an unknown model with exit 2 and the models it can train', async () => {
    const run = train('--model', 'no-such-model');
    expect(await run.exited).toBe(2);
    expect(run.output).toContain(
      'train: no model named "no-such-model" to train (trainable models: kr-forecast, repo-language)',
    );
  });

  it('trains kr-forecast on synthetic histories, printing it against its two baselines; its own params checked', async () => {
    const run = train('--model', 'kr-forecast', '--max-samples', '300', '--epochs', '2');
    expect(await run.exited, run.output.join('\n')).toBe(0);
    const text = run.output.join('\n');
    expect(text).toMatch(/kr-forecast v1: \d+ training, \d+ validation, \d+ held-out examples \(SYNTHETIC histories\)/);
    expect(text).toMatch(/^AUC \(higher is better\)\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}$/m);
    const bad = train('--model', 'kr-forecast', '--l2', '0.1');
    expect(await bad.exited).toBe(2);
    expect(bad.output.join('\n')).toContain('train: params.l2 is not a kr-forecast param');
  });

  // Before the import below: the database is empty.
  it('fails with exit 1 and says to import data first when the catalog has nothing to learn from', async () => {
    const run = train('--model', 'repo-language');
    expect(await run.exited).toBe(1);
    expect(run.output.join('\n')).toMatch(
      /training failed \(pipeline run [0-9a-f-]{36}\): too few examples to train "repo-language": 0 in the catalog \(at least 12 needed\); import data first/,
    );
  });

  it('trains repo-language on the sample, printing each epoch and the metrics against the baseline', async () => {
    const imported = cli('src/cli/import.ts', ['--repos', 'data/sample/repos.jsonl.gz']);
    expect(await imported.exited).toBe(0);
    const run = train('--model', 'repo-language', '--epochs', '3', '--promote');
    expect(await run.exited, run.output.join('\n')).toBe(0);
    const text = run.output.join('\n');
    expect(text).toMatch(/^train: 3 epochs$/m);
    expect(text).toMatch(
      /^epoch 3: loss \d\.\d{4} acc \d\.\d{4} · val loss \d\.\d{4} val acc \d\.\d{4} · \d+ examples\/s$/m,
    );
    expect(text).toMatch(/^repo-language v1: \d+ training, \d+ validation, 556 held-out examples; 3 epochs/m);
    expect(text).toMatch(/^accuracy\s+\d+\.\d%\s+\d+\.\d%$/m);
    expect(text).toMatch(/^macro-F1\s+\d+\.\d%\s+\d+\.\d%$/m);
    expect(text).toMatch(/^promoted: trained by run [0-9a-f-]{36}: first champion \(macroF1 0\.\d+\)$/m);
    expect(text).toMatch(/^training succeeded \(pipeline run [0-9a-f-]{36}\)$/m);
  }, 300_000);
});
