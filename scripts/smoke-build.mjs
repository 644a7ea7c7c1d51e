// CI: the compiled server (dist/, what the Docker image runs) starts on a fresh data directory, answers a GraphQL
// query and stops on SIGTERM. tsx runs src/ in tests; only this catches what tsc's output does differently
// (decorator metadata referencing classes of circular imports before they exist, files tsc does not copy).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'ost-smoke-'));
const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
for (const name of ['DATABASE_URL', 'REDIS_URL']) delete env[name];
const server = spawn(process.execPath, ['dist/main.js'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
const fail = (message) => {
  console.error(`smoke-build: ${message}`);
  server.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
};
const early = (code) => fail(`dist/main.js exited early (code ${code})`);
server.once('exit', early);

let answer;
for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    answer = await response.json();
    break;
  } catch {
    // not listening yet
  }
}
if (answer?.data?.__typename !== 'Query') fail(`no answer to { __typename }: ${JSON.stringify(answer)}`);
server.off('exit', early);
server.kill('SIGTERM');
const { code, signal } = await Promise.race([
  exited,
  new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), 30_000)),
]);
rmSync(dataDir, { recursive: true, force: true });
if (code !== 0) fail(`after SIGTERM: exit ${code ?? signal}`);
console.log(`smoke-build: dist/main.js answered on port ${port} and stopped cleanly`);
