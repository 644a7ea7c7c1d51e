// The only reader of process.env. Parsed and validated once at boot: a bad value stops the process with one line
// naming the variable and what it accepts, before anything is opened.
import { z } from 'zod';

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
});

export type Config = Readonly<z.infer<typeof envSchema>> & {
  readonly database:
    { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };
  readonly redis: { readonly url: string } | undefined;
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
  const parsed = envSchema.safeParse(present);
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
  return Object.freeze({ ...values, database, redis: values.REDIS_URL ? { url: values.REDIS_URL } : undefined });
}
