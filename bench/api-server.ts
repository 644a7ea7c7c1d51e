// The real server (`src/main.ts`) in a child process, for benchmarks: started with exactly the backends asked for
// (nothing inherited from the shell's DATABASE_URL or REDIS_URL), waited for until ready, stopped at the end.
// A server that dies while starting fails the benchmark at once instead of timing out.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** Rejects when the server exits before `work` is done. */
  guard<T>(work: Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  readonly databaseUrl?: string | undefined;
  readonly redisUrl?: string | undefined;
  /** Extra Node flags for the server process (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[] | undefined;
  /** Extra environment (after the defaults: RATE_LIMIT=off unless given). */
  readonly env?: Readonly<Record<string, string>>;
}

export function startServer(options: ServerOptions): BenchServer {
  const port = 4500 + Math.floor(Math.random() * 400);
  const dataDir = mkdtempSync(join(tmpdir(), 'ost-bench-'));
  const {
    DATABASE_URL: _d,
    REDIS_URL: _r,
    DATA_DIR: _dd,
    SAMPLE_IMPORT: _s,
    PIPELINE_EXECUTION: _p,
    ...env
  } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', 'src/main.ts'],
    {
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        SAMPLE_IMPORT: 'auto',
        // The server runs the sample import itself: with REDIS_URL, pipeline runs would otherwise wait in the queue
        // for a worker process (the reads measured here do not depend on where pipelines execute).
        PIPELINE_EXECUTION: 'inline',
        // Benchmarks measure the server, not its rate limiter (bench/access-layers.ts measures that one).
        RATE_LIMIT: 'off',
        ...options.env,
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (child.pid === undefined) throw new Error('could not start the server');
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited early (code ${code}, signal ${signal}): see its log above`)),
    );
  });
  exited.catch(() => undefined); // observed through guard(); never an unhandled rejection

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    guard: (work) => Promise.race([work, exited]),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 300_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
