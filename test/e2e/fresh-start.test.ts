// `npm start` on a fresh machine, as README says: the shipped sample is imported, demo OKRs are written and
// kr-forecast trained, the demo model (repo-language) is trained and promoted, so the README's first query and its `predict` example answer with data; each step logs one
// line. SIGTERM to npm's own process stops the server it started (npm forwards it; `exec` leaves no shell between).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run token` as a user runs it: the token is the last line of its output. */
function tokenFromCli(dataDir: string, login: string, role: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const cli = spawn('npm', ['run', '-s', 'token', '--', '--login', login, '--role', role], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    cli.once('exit', (code) =>
      code === 0 ? resolve(out.trim().split('\n').at(-1)!) : reject(new Error(`npm run token: ${code}: ${err}`)),
    );
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Fresh start: npm start on an empty DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ost-fresh-'));
  const lines: Array<Record<string, unknown>> = [];
  let serverPid: number | undefined;
  afterAll(() => {
    if (serverPid && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const logged = (msg: RegExp) => lines.find((line) => typeof line.msg === 'string' && msg.test(line.msg));

  it('imports the sample, trains the demo model, answers predict, and stops on SIGTERM to npm', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        REDIS_URL: '',
        SAMPLE_IMPORT: 'auto',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    npm.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) if (part.startsWith('{')) lines.push(JSON.parse(part) as Record<string, unknown>);
    });
    const npmExited = new Promise<number | null>((resolve) => npm.once('exit', resolve));

    await expect.poll(() => logged(/^OST Graph ready/), { timeout: 90_000, interval: 200 }).toBeDefined();
    serverPid = logged(/^OST Graph ready/)!.pid as number;
    expect(serverPid).not.toBe(npm.pid);

    await expect
      .poll(() => logged(/^shipped sample imported: \d+ repositories, \d+ users, \d+ contributions/), {
        timeout: 240_000,
        interval: 500,
      })
      .toBeDefined();
    // Demo OKRs for the sample's users, forecast by a kr-forecast trained on synthetic histories.
    await expect
      .poll(() => logged(/^kr-forecast version \d+ trained \(held-out AUC 0\.\d+\)$/), {
        timeout: 240_000,
        interval: 500,
      })
      .toBeDefined();
    expect(logged(/^demo OKRs written: 17 objectives with \d+ key results and \d+ synthetic check-ins/)).toBeDefined();
    const okrs = (await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ objectives(first: 20) { totalCount nodes { status progress keyResults { nodes { forecast { probability modelVersion } } } } } }`,
      }),
    }).then((response) => response.json())) as {
      data: {
        objectives: {
          totalCount: number;
          nodes: Array<{ keyResults: { nodes: Array<{ forecast: { probability: number } | null }> } }>;
        };
      };
    };
    expect(okrs.data.objectives.totalCount).toBe(17);
    const forecasts = okrs.data.objectives.nodes.flatMap((o) => o.keyResults.nodes.map((k) => k.forecast));
    expect(forecasts.length).toBeGreaterThan(40);
    expect(forecasts.every((f) => f !== null && f.probability >= 0 && f.probability <= 1)).toBe(true);

    await expect
      .poll(() => logged(/^repo-language version \d+ trained and serving as champion$/), {
        timeout: 240_000,
        interval: 500,
      })
      .toBeDefined();

    // The first start made the token secret and said how to get a token; `npm run token` works while it serves.
    expect(logged(/npm run token -- --login <you> --role ADMIN/)).toBeDefined();
    const token = await tokenFromCli(dataDir, 'newcomer', 'MEMBER');
    const predict = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          query: `{ predict(model: "repo-language", inputs: [{ name: "mini-redis", description: "Redis client and server in Tokio" }]) { version alias outputs } }`,
        }),
      }).then((response) => response.json() as Promise<{ data?: { predict: { alias: string } }; errors?: unknown }>);
    const anonymous = await predict({});
    expect(anonymous.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    const body = await predict({ authorization: `Bearer ${token}` });
    expect(body.errors).toBeUndefined();
    expect(body.data?.predict.alias).toBe('champion');

    npm.kill('SIGTERM');
    await npmExited;
    await expect.poll(() => alive(serverPid!), { timeout: 30_000, interval: 100 }).toBe(false);
    expect(logged(/^shutdown complete$/)).toBeDefined();
  }, 600_000);
});
