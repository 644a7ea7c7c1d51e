// The only reader of process.env. Parsed and validated once at boot: a bad value stops the process with one line
// naming the variable and what it accepts, before anything is opened.
import { z } from 'zod';
import { accessEnvFields, whole } from './config-access.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ message: 'a TCP port number' })
  .int('a whole number')
  .min(0, 'a port from 0 to 65535')
  .max(65535, 'a port from 0 to 65535');

const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .refine(
      (value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)),
      `a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    )
    .optional();

/** A share or a probability: a number from 0 to 1. */
const share = (fallback: number) =>
  z.coerce.number({ message: 'a number from 0 to 1' }).min(0).max(1).default(fallback);

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { message: 'development, test or production' })
    .default('development'),
  PORT: port.default(4000),
  HOST: z.string().trim().min(1, 'a host name or address').default('0.0.0.0'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().trim().min(1, 'a directory path').default('./.data'),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: LOG_LEVELS.join(', ') }).default('info'),
  /** What to do when the database has no repositories yet: import the shipped sample, or leave it empty. */
  SAMPLE_IMPORT: z.enum(['auto', 'off'], { message: 'auto or off' }).default('auto'),
  SAMPLE_DIR: z.string().trim().min(1, 'a directory path').default('./data/sample'),
  /** The only directory `importFiles` (and `npm run import -- --server`) reads files from. */
  IMPORT_DIR: z.string().trim().min(1, 'a directory path').default('./data'),
  /** How long a graceful shutdown may take before open connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ message: 'milliseconds' }).int().min(0).max(600_000).default(10_000),
  /** Largest GraphQL request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce.number({ message: 'a byte count' }).int().min(1024).max(100_000_000).default(1_000_000),
  /** Origins allowed to call the API from browsers: comma-separated, or "*". Unset: same origin only. */
  CORS_ORIGINS: z
    .string()
    .trim()
    .refine(
      (value) => value.split(',').every((o) => o.trim() === '*' || /^https?:\/\/[^/\s]+\/?$/.test(o.trim())),
      'a comma-separated list of origins like https://app.example.com, or *',
    )
    .optional(),
  DB_POOL_SIZE: z.coerce.number({ message: 'a connection count' }).int().min(1).max(200).default(10),
  /** TensorFlow.js backend: auto tries tensorflow (only if @tensorflow/tfjs-node is installed), then wasm, then cpu. */
  TFJS_BACKEND: z
    .enum(['auto', 'wasm', 'cpu', 'tensorflow'], { message: 'auto, wasm, cpu or tensorflow' })
    .default('auto'),
  /** Model versions held loaded (in memory) per process; the least recently used is unloaded beyond it. */
  MODEL_CACHE_MAX_MODELS: z.coerce
    .number({ message: 'a model count' })
    .int('a whole number of models')
    .min(1, 'a count from 1 to 1000')
    .max(1000, 'a count from 1 to 1000')
    .default(8),
  /** Weight bytes the loaded models may hold together per process (default 256 MiB). */
  MODEL_CACHE_MAX_BYTES: z.coerce
    .number({ message: 'a byte count' })
    .int('a whole number of bytes')
    .min(1024, 'bytes from 1024 to 68719476736 (64 GiB)')
    .max(68_719_476_736, 'bytes from 1024 to 68719476736 (64 GiB)')
    .default(268_435_456),
  /**
   * How long a process serves a model's cached routes (model row, alias and version ids) without reading them
   * again. Registry events invalidate at once; this only bounds staleness when an event is lost. 0: no caching.
   */
  MODEL_ROUTE_TTL_MS: whole(0, 60_000).default(2_000),
  /** Share of predict requests whose rows are written to the predictions table: 0 (none) to 1 (all). */
  PREDICTION_LOG_SAMPLE_RATE: z.coerce
    .number({ message: 'a fraction from 0 to 1' })
    .min(0, 'a fraction from 0 to 1')
    .max(1, 'a fraction from 0 to 1')
    .default(1),
  /**
   * Token for GitHub ingestion. Unset: unauthenticated requests (60 an hour). Never validated here, so its value
   * can never appear in a configuration error; GitHub itself says whether it is valid (checked when a run starts).
   */
  GITHUB_TOKEN: z.string().trim().optional(),
  /** GitHub's REST API: api.github.com, a GitHub Enterprise Server's `https://host/api/v3`, or a test server. */
  GITHUB_API_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^/\s]+(\/\S*)?$/.test(value), 'an http(s) URL such as https://api.github.com')
    .transform((value) => value.replace(/\/+$/, ''))
    .default('https://api.github.com'),
  /** Longest wait for GitHub's rate limit to reset; a longer one stops the run with RATE_LIMITED instead. */
  GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS: z.coerce
    .number({ message: 'a number of seconds' })
    .int('a whole number of seconds')
    .min(0, 'seconds from 0 to 86400')
    .max(86_400, 'seconds from 0 to 86400')
    .default(300),
  /** Where pipeline runs execute: auto = BullMQ workers when REDIS_URL is set, else this process (inline). */
  PIPELINE_EXECUTION: z.enum(['auto', 'inline', 'queue'], { message: 'auto, inline or queue' }).default('auto'),
  /**
   * Namespace of everything this deployment keeps in Redis (queue keys, cache keys, rate limits, pubsub channels):
   * deployments (or test runs) sharing one Redis never see each other's work or events.
   */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'up to 64 letters, digits, ".", "_" or "-"')
    .default('ost-graph'),
  /** Pipeline runs one worker process executes at once. */
  WORKER_CONCURRENCY: whole(1, 64, 'runs').default(1),
  /**
   * How long a worker's claim on a run lasts without renewal (renewed every half of it while the process lives).
   * A killed worker's run is taken over this long after its last renewal, at the next stalled check.
   */
  WORKER_LOCK_MS: whole(1_000, 3_600_000).default(30_000),
  /** How often workers look for runs whose worker stopped renewing its claim. */
  WORKER_STALLED_CHECK_MS: whole(500, 3_600_000).default(30_000),
  /** Times a run is retried after its worker was lost; once more fails it ("worker lost"). */
  WORKER_MAX_STALLED: whole(0, 100, 'retries').default(1),
  /** How often a running run records that its process is alive, even while its work reports nothing. */
  PIPELINE_HEARTBEAT_MS: whole(100, 600_000).default(10_000),
  /** A run silent this long whose job no live process holds is retried (queued again) or failed as lost. */
  PIPELINE_STALE_AFTER_MS: whole(1_000, 86_400_000).default(300_000),
  /** How often API and worker processes (services deployment) look for lost runs; 0 turns the sweep off. */
  PIPELINE_REAPER_INTERVAL_MS: whole(0, 3_600_000).default(60_000),
  /** How long runs may wait in the queue with no worker connected before API processes warn; 0: never. */
  QUEUE_NO_WORKER_WARN_MS: whole(0, 86_400_000).default(30_000),
  /** Longest a request waits to hand a run to the queue; past it (Redis down or stuck) it answers UNAVAILABLE. */
  QUEUE_ADD_TIMEOUT_MS: whole(100, 60_000).default(2_000),
  /**
   * A TensorFlow.js text encoder to use instead of the hashing one: a directory in tfjs layers format (model.json
   * and its weight files) whose model maps hashing-v1's 384 features to a 384-d embedding. Unset: the registry's
   * "text-encoder" champion (trained by `runRecommendations(trainEncoder: true)`), else hashing-v1.
   */
  ENCODER_MODEL_DIR: z.string().trim().min(1, 'a directory path').optional(),
  /** Optimiser steps (batches of 256 pairs) when a RECOMMEND run trains the text encoder: ~0.05 s each. */
  ENCODER_TRAINING_STEPS: whole(10, 100_000, 'steps').default(1_000),
  /**
   * How long answers of recommendations, similar and search stay cached (keyed by the published run, so a new
   * publish replaces them at once); 0 turns the answer cache off.
   */
  ANSWER_CACHE_TTL_SECONDS: whole(0, 86_400, 'seconds').default(600),
  /**
   * OKR status thresholds (src/modules/okrs/math/status.ts): on track while the share of time gone exceeds
   * progress by at most OKR_AT_RISK_GAP, at risk up to OKR_BEHIND_GAP, behind beyond; with a forecast, below
   * OKR_AT_RISK_PROBABILITY is at risk and below OKR_BEHIND_PROBABILITY behind (the worse of the two wins).
   */
  OKR_AT_RISK_GAP: share(0.1),
  OKR_BEHIND_GAP: share(0.25),
  OKR_AT_RISK_PROBABILITY: share(0.7),
  OKR_BEHIND_PROBABILITY: share(0.4),
  /** Events (the activity log, ingested events) older than this are deleted by the scheduled retention run. */
  EVENT_RETENTION_DAYS: whole(1, 3650, 'days').default(90),
  /** How often a process runs retention (one at a time across processes: an advisory lock); 0: never. */
  EVENT_RETENTION_INTERVAL_MS: whole(0, 86_400_000).default(3_600_000),
  /** Users per scoring batch of a RECOMMEND run: the unit workers share (and a transaction writes). */
  RECOMMEND_BATCH_USERS: whole(10, 100_000, 'users').default(1_000),
  /** A scoring batch claimed this long ago and not done is taken over by another process (its holder is lost). */
  RECOMMEND_BATCH_STALE_MS: whole(1_000, 3_600_000).default(120_000),
  ...accessEnvFields,
});

/** Rules between variables, reported like any bad value (one line naming the variable). */
function crossChecks(values: z.infer<typeof envSchema>, context: z.RefinementCtx): void {
  if (values.OKR_AT_RISK_GAP > values.OKR_BEHIND_GAP)
    context.addIssue({ code: 'custom', path: ['OKR_AT_RISK_GAP'], message: 'at most OKR_BEHIND_GAP' });
  if (values.OKR_BEHIND_PROBABILITY > values.OKR_AT_RISK_PROBABILITY)
    context.addIssue({ code: 'custom', path: ['OKR_BEHIND_PROBABILITY'], message: 'at most OKR_AT_RISK_PROBABILITY' });
  if (values.GRAPHIQL === 'on' && values.INTROSPECTION === 'off') {
    context.addIssue({
      code: 'custom',
      path: ['GRAPHIQL'],
      message: 'off while INTROSPECTION=off (GraphiQL reads the schema)',
    });
  }
  if (values.PIPELINE_EXECUTION === 'queue' && !values.REDIS_URL) {
    context.addIssue({
      code: 'custom',
      path: ['PIPELINE_EXECUTION'],
      message: 'auto or inline without REDIS_URL (the queue lives in Redis)',
    });
  }
  if (values.PIPELINE_STALE_AFTER_MS <= 2 * values.PIPELINE_HEARTBEAT_MS) {
    context.addIssue({
      code: 'custom',
      path: ['PIPELINE_STALE_AFTER_MS'],
      message: `more than twice PIPELINE_HEARTBEAT_MS (${values.PIPELINE_HEARTBEAT_MS}), or live runs would look lost`,
    });
  }
}

export type Config = Readonly<z.infer<typeof envSchema>> & {
  readonly database:
    { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };
  readonly redis: { readonly url: string } | undefined;
  /** PIPELINE_EXECUTION resolved: 'queue' (BullMQ workers execute runs) or 'inline' (this process does). */
  readonly pipelineExecution: 'inline' | 'queue';
  /** INTROSPECTION / GRAPHIQL resolved: on unless set off, or unset in production. */
  readonly introspection: boolean;
  readonly graphiql: boolean;
};

/** Error messages end up in logs: `scheme://user:secret@host` is shown as `scheme://user:***@host`. */
const withoutPassword = (value: string) => value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses an environment (process.env by default). Throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // `FOO=` (a .env line, compose's `${FOO:-}`) means "not set": it gets the default, never 0 or a parse error.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.superRefine(crossChecks).safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `invalid ${name}=${JSON.stringify(withoutPassword(env[name] ?? ''))}: expected ${issue.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const values = parsed.data;
  const database: Config['database'] = values.DATABASE_URL
    ? { kind: 'postgres', url: values.DATABASE_URL }
    : { kind: 'pglite', dataDir: values.DATA_DIR };
  const pipelineExecution =
    values.PIPELINE_EXECUTION === 'queue' || (values.PIPELINE_EXECUTION === 'auto' && values.REDIS_URL)
      ? 'queue'
      : 'inline';
  return Object.freeze({
    ...values,
    database,
    redis: values.REDIS_URL ? { url: values.REDIS_URL } : undefined,
    pipelineExecution,
    // GRAPHIQL=on asks for the schema too (GraphiQL reads it by introspection).
    introspection:
      (values.INTROSPECTION ?? (values.GRAPHIQL === 'on' || values.NODE_ENV !== 'production' ? 'on' : 'off')) === 'on',
    graphiql: (values.GRAPHIQL ?? (values.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
  });
}
