import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

/** Runs loadConfig and returns the ConfigError it throws (fails the test when it does not throw one). */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('Config: defaults (no environment at all)', () => {
  const config = loadConfig({});

  it('serves on port 4000 on every interface', () => {
    expect(config.PORT).toBe(4000);
    expect(config.HOST).toBe('0.0.0.0');
  });

  it('uses the embedded database stored in ./.data', () => {
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './.data' });
  });

  it('uses no Redis (in-memory cache and pubsub)', () => {
    expect(config.redis).toBeUndefined();
  });

  it('runs in development, logs at info and imports the shipped sample into an empty database', () => {
    expect(config.NODE_ENV).toBe('development');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.SAMPLE_IMPORT).toBe('auto');
    expect(config.SAMPLE_DIR).toBe('./data/sample');
  });

  it('is frozen: nothing can change the configuration after boot', () => {
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('Config: services deployment', () => {
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://ost:secret@db.internal:5432/ost' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://ost:secret@db.internal:5432/ost' });
  });

  it('accepts the postgresql:// spelling too', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/ost' }).database.kind).toBe('postgres');
  });

  it('uses Redis when REDIS_URL is set, with or without TLS', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/0' }).redis).toEqual({ url: 'redis://cache:6379/0' });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).redis).toEqual({ url: 'rediss://cache:6380' });
  });

  it('reads numbers from their text', () => {
    const config = loadConfig({ PORT: '8080', DB_POOL_SIZE: '25', SHUTDOWN_TIMEOUT_MS: '2500' });
    expect(config).toMatchObject({ PORT: 8080, DB_POOL_SIZE: 25, SHUTDOWN_TIMEOUT_MS: 2500 });
  });
});

describe('Config: empty values mean "not set"', () => {
  // `FOO=` in a .env file or `FOO: ${FOO:-}` in compose must behave like an absent variable, never like 0.
  it.each([
    ['PORT', (c: ReturnType<typeof loadConfig>) => c.PORT, 4000],
    ['LOG_LEVEL', (c: ReturnType<typeof loadConfig>) => c.LOG_LEVEL, 'info'],
    ['NODE_ENV', (c: ReturnType<typeof loadConfig>) => c.NODE_ENV, 'development'],
    ['DB_POOL_SIZE', (c: ReturnType<typeof loadConfig>) => c.DB_POOL_SIZE, 10],
    ['DATABASE_URL', (c: ReturnType<typeof loadConfig>) => c.database, { kind: 'pglite', dataDir: './.data' }],
    ['REDIS_URL', (c: ReturnType<typeof loadConfig>) => c.redis, undefined],
  ] as const)('an empty %s gets its default', (name, read, expected) => {
    expect(read(loadConfig({ [name]: '' }))).toEqual(expected);
    expect(read(loadConfig({ [name]: '   ' }))).toEqual(expected);
  });
});

describe('Config: an invalid value stops the boot with a message naming the variable and what it accepts', () => {
  it.each([
    ['PORT', 'abc', ['port']],
    ['PORT', '70000', ['0 to 65535']],
    ['PORT', '80.5', ['whole number']],
    ['LOG_LEVEL', 'loud', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']],
    ['DATABASE_URL', 'mysql://x', ['postgres://', 'postgresql://']],
    ['REDIS_URL', 'http://x', ['redis://', 'rediss://']],
    ['NODE_ENV', 'staging', ['development', 'test', 'production']],
  ])('%s=%s', (name, value, accepted) => {
    const { message } = configErrorFor({ [name]: value });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(name);
    expect(message).toContain(JSON.stringify(value));
    for (const phrase of accepted) expect(message).toContain(phrase);
  });

  it('reports every bad variable at once, one line each', () => {
    const { message } = configErrorFor({ PORT: 'abc', LOG_LEVEL: 'loud', REDIS_URL: 'http://x', HOST: 'localhost' });
    const lines = message.split('\n');
    expect(lines).toHaveLength(3);
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL']) {
      expect(lines.filter((line) => line.includes(name))).toHaveLength(1);
    }
  });

  it('never echoes the password of an invalid URL', () => {
    const { message } = configErrorFor({ DATABASE_URL: 'postgress://ost:hunter2@db:5432/ost' });
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });
});

describe('Config: GitHub ingestion', () => {
  it('defaults to api.github.com, no token, and waits at most 300 s for a rate limit to reset', () => {
    const config = loadConfig({});
    expect(config.GITHUB_API_URL).toBe('https://api.github.com');
    expect(config.GITHUB_TOKEN).toBeUndefined();
    expect(config.GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS).toBe(300);
  });

  it('reads a token, an Enterprise Server URL (without its trailing slash) and a wait limit', () => {
    const config = loadConfig({
      GITHUB_TOKEN: ' ghp_abc123 ',
      GITHUB_API_URL: 'https://github.example.com/api/v3/',
      GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS: '0',
    });
    expect(config).toMatchObject({
      GITHUB_TOKEN: 'ghp_abc123',
      GITHUB_API_URL: 'https://github.example.com/api/v3',
      GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS: 0,
    });
  });

  it('treats an empty token as no token', () => {
    expect(loadConfig({ GITHUB_TOKEN: '  ' }).GITHUB_TOKEN).toBeUndefined();
  });

  it.each([
    ['GITHUB_API_URL', 'api.github.com', ['http(s) URL']],
    ['GITHUB_API_URL', 'ftp://github.example.com', ['http(s) URL']],
    ['GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS', 'soon', ['seconds']],
    ['GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS', '-1', ['0 to 86400']],
    ['GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS', '90000', ['0 to 86400']],
    ['GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS', '1.5', ['whole number']],
  ])('rejects %s=%s, naming what it accepts', (name, value, accepted) => {
    const { message } = configErrorFor({ [name]: value });
    expect(message).toContain(name);
    expect(message).toContain(JSON.stringify(value));
    for (const phrase of accepted) expect(message).toContain(phrase);
  });

  it('never rejects a token, so a token never appears in a configuration error', () => {
    const { message } = configErrorFor({ GITHUB_TOKEN: 'ghp_secret value', PORT: 'abc' });
    expect(message).not.toContain('ghp_secret');
  });
});

describe('Config: models (TensorFlow.js, model cache, prediction log)', () => {
  it('defaults to the automatic backend, 8 models or 256 MiB of weights, and logging every prediction', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      TFJS_BACKEND: 'auto',
      MODEL_CACHE_MAX_MODELS: 8,
      MODEL_CACHE_MAX_BYTES: 268_435_456,
      PREDICTION_LOG_SAMPLE_RATE: 1,
    });
  });

  it('reads a backend, cache bounds and a sample rate', () => {
    const config = loadConfig({
      TFJS_BACKEND: 'cpu',
      MODEL_CACHE_MAX_MODELS: '2',
      MODEL_CACHE_MAX_BYTES: '1048576',
      PREDICTION_LOG_SAMPLE_RATE: '0.05',
    });
    expect(config).toMatchObject({
      TFJS_BACKEND: 'cpu',
      MODEL_CACHE_MAX_MODELS: 2,
      MODEL_CACHE_MAX_BYTES: 1_048_576,
      PREDICTION_LOG_SAMPLE_RATE: 0.05,
    });
  });

  it.each([
    ['TFJS_BACKEND', 'webgl', ['auto, wasm, cpu or tensorflow']],
    ['MODEL_CACHE_MAX_MODELS', '0', ['1 to 1000']],
    ['MODEL_CACHE_MAX_MODELS', '2.5', ['whole number']],
    ['MODEL_CACHE_MAX_BYTES', '100', ['bytes from 1024']],
    ['MODEL_CACHE_MAX_BYTES', 'lots', ['a byte count']],
    ['PREDICTION_LOG_SAMPLE_RATE', '1.5', ['fraction from 0 to 1']],
    ['PREDICTION_LOG_SAMPLE_RATE', '-0.1', ['fraction from 0 to 1']],
    ['PREDICTION_LOG_SAMPLE_RATE', 'half', ['fraction from 0 to 1']],
  ])('rejects %s=%s, naming what it accepts', (name, value, accepted) => {
    const { message } = configErrorFor({ [name]: value });
    expect(message).toContain(name);
    expect(message).toContain(JSON.stringify(value));
    for (const phrase of accepted) expect(message).toContain(phrase);
  });
});

describe('Config: pipeline execution (inline or BullMQ workers)', () => {
  it('runs pipelines inline without Redis and in the queue with it (auto), with the worker defaults', () => {
    expect(loadConfig({}).pipelineExecution).toBe('inline');
    const config = loadConfig({ REDIS_URL: 'redis://cache:6379/0' });
    expect(config.pipelineExecution).toBe('queue');
    expect(config).toMatchObject({
      PIPELINE_EXECUTION: 'auto',
      QUEUE_PREFIX: 'ost-graph',
      WORKER_CONCURRENCY: 1,
      WORKER_LOCK_MS: 30_000,
      WORKER_STALLED_CHECK_MS: 30_000,
      WORKER_MAX_STALLED: 1,
      PIPELINE_HEARTBEAT_MS: 10_000,
      PIPELINE_STALE_AFTER_MS: 300_000,
      PIPELINE_REAPER_INTERVAL_MS: 60_000,
    });
  });

  it('keeps runs inline when asked, even with Redis', () => {
    const config = loadConfig({ REDIS_URL: 'redis://cache:6379/0', PIPELINE_EXECUTION: 'inline' });
    expect(config.pipelineExecution).toBe('inline');
  });

  it('reads the queue and worker settings', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://cache:6379/0',
      PIPELINE_EXECUTION: 'queue',
      QUEUE_PREFIX: 'staging.ost-graph',
      WORKER_CONCURRENCY: '4',
      WORKER_LOCK_MS: '60000',
      WORKER_STALLED_CHECK_MS: '15000',
      WORKER_MAX_STALLED: '0',
      PIPELINE_HEARTBEAT_MS: '2000',
      PIPELINE_STALE_AFTER_MS: '120000',
      PIPELINE_REAPER_INTERVAL_MS: '0',
    });
    expect(config).toMatchObject({
      pipelineExecution: 'queue',
      QUEUE_PREFIX: 'staging.ost-graph',
      WORKER_CONCURRENCY: 4,
      WORKER_LOCK_MS: 60_000,
      WORKER_STALLED_CHECK_MS: 15_000,
      WORKER_MAX_STALLED: 0,
      PIPELINE_HEARTBEAT_MS: 2_000,
      PIPELINE_STALE_AFTER_MS: 120_000,
      PIPELINE_REAPER_INTERVAL_MS: 0,
    });
  });

  it.each([
    ['PIPELINE_EXECUTION', 'workers', ['auto, inline or queue']],
    ['QUEUE_PREFIX', 'ost graph:1', ['letters, digits']],
    ['WORKER_CONCURRENCY', '0', ['runs from 1 to 64']],
    ['WORKER_CONCURRENCY', '2.5', ['whole number']],
    ['WORKER_LOCK_MS', '10', ['milliseconds from 1000 to 3600000']],
    ['WORKER_MAX_STALLED', '-1', ['retries from 0 to 100']],
    ['PIPELINE_HEARTBEAT_MS', 'often', ['milliseconds from 100 to 600000']],
  ])('rejects %s=%s, naming what it accepts', (name, value, accepted) => {
    const { message } = configErrorFor({ [name]: value });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(name);
    expect(message).toContain(JSON.stringify(value));
    for (const phrase of accepted) expect(message).toContain(phrase);
  });

  it('refuses the queue without Redis: it lives there', () => {
    const { message } = configErrorFor({ PIPELINE_EXECUTION: 'queue' });
    expect(message).toBe(
      'invalid PIPELINE_EXECUTION="queue": expected auto or inline without REDIS_URL (the queue lives in Redis)',
    );
  });

  it('refuses a stale threshold a live run could reach between two heartbeats', () => {
    const { message } = configErrorFor({ PIPELINE_HEARTBEAT_MS: '10000', PIPELINE_STALE_AFTER_MS: '15000' });
    expect(message).toContain('PIPELINE_STALE_AFTER_MS="15000"');
    expect(message).toContain('more than twice PIPELINE_HEARTBEAT_MS (10000)');
  });
});

describe('Config: the server entry point', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

  it('exits with code 1 and one line on stderr naming the bad variable', async () => {
    // A clean environment: only what Node needs, plus the bad value. No services are touched before config.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: 'abc' };
    const child = spawn(process.execPath, [tsxCli, 'src/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`src/main.ts did not exit within 30 s on PORT=abc; stderr so far: ${stderr}`));
      }, 30_000);
      child.on('error', reject);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });

    expect({ code, stderr }).toMatchObject({ code: 1 });
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain('"abc"');
  }, 40_000);
});
