// Whether an error means a dependency could not be reached (the database, Redis), wherever it sits in what wrapped
// it: graphql-js (originalError), our infra or a driver (cause), Prisma's driver adapter (meta), Node's connection
// attempts (AggregateError.errors). Such a failure is transient: the same work may succeed once the dependency is
// back (lib/retry.ts retries it; the API answers UNAVAILABLE).
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

// Node socket errors that mean "nobody answered at that address", as opposed to a query that failed.
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);
// Prisma: P1001 can't reach database server, P1002 reached but timed out, P1017 server closed the connection.
const PRISMA_UNREACHABLE_CODES: ReadonlySet<string> = new Set(['P1001', 'P1002', 'P1017']);
// Prisma driver-adapter error kinds behind those codes.
const ADAPTER_UNREACHABLE_KINDS: ReadonlySet<string> = new Set(['DatabaseNotReachable', 'ConnectionClosed']);
// PostgreSQL SQLSTATEs of a server going away or not taking connections: admin/crash shutdown, starting up or shutting
// down, the connection_exception class, too many connections. What failed is the connection, not the query.
const POSTGRES_UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
// Prisma: P2024 timed out waiting for a pooled connection (every connection busy or being re-established).
const PRISMA_POOL_TIMEOUT = 'P2024';
const DEFAULT_PORTS: Readonly<Record<number, string>> = { 5432: 'the database', 6379: 'Redis' };
const GENERIC_DEPENDENCY = 'a backing service';

function unreachableDependency(error: unknown): string | undefined {
  const name = field(error, 'name');
  const code = field(error, 'code');
  const message = field(error, 'message');
  if (name === 'PrismaClientInitializationError') return 'the database';
  if (typeof code === 'string' && (PRISMA_UNREACHABLE_CODES.has(code) || code === PRISMA_POOL_TIMEOUT))
    return 'the database';
  // node-postgres DatabaseError, or what Prisma's driver adapter carries of it (P2010 raw queries: meta).
  const adapterCause = field(error, 'cause') ?? field(field(field(error, 'meta'), 'driverAdapterError'), 'cause');
  const sqlState =
    typeof code === 'string' && field(error, 'severity') !== undefined ? code : field(adapterCause, 'code');
  if (typeof sqlState === 'string' && POSTGRES_UNAVAILABLE_CODES.has(sqlState)) return 'the database';
  const kind = field(adapterCause, 'kind');
  if (typeof kind === 'string' && ADAPTER_UNREACHABLE_KINDS.has(kind)) return 'the database';
  if (message === 'PGlite is closed') return 'the database';
  // node-postgres, when the server goes away under a pooled client.
  if (
    message === 'Connection terminated unexpectedly' ||
    message === 'Connection terminated due to connection timeout' ||
    message === 'Client has encountered a connection error and is not queryable'
  ) {
    return 'the database';
  }
  // ioredis: commands fail with these while Redis is down (see src/infra/redis.ts: maxRetriesPerRequest).
  if (name === 'MaxRetriesPerRequestError' || message === 'Connection is closed.') return 'Redis';
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    const port = field(error, 'port');
    return (typeof port === 'number' ? DEFAULT_PORTS[port] : undefined) ?? GENERIC_DEPENDENCY;
  }
  return undefined;
}

/**
 * Which dependency could not be reached ("the database", "Redis", "a backing service"), or undefined when the
 * error is not a connectivity failure.
 */
export function findUnreachableDependency(error: unknown): string | undefined {
  const found = everyCause(error)
    .map(unreachableDependency)
    .filter((which) => which !== undefined);
  // Prefer a named dependency: an AggregateError from a connection attempt has the code, its parts have the port.
  return found.find((which) => which !== GENERIC_DEPENDENCY) ?? found[0];
}

/** Every error reachable through originalError, cause and AggregateError.errors (bounded, cycle-safe). */
function everyCause(error: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 25) {
    const next = queue.shift();
    if (next === undefined || next === null || seen.includes(next)) continue;
    seen.push(next);
    // graphql-js's located errors wrap the thrown one as originalError.
    const original = field(next, 'originalError');
    if (original !== undefined) queue.push(original);
    if (next instanceof Error && next.cause !== undefined) queue.push(next.cause);
    if (next instanceof AggregateError) queue.push(...(next.errors as unknown[]));
  }
  return seen;
}

/** Whether `error` is a connectivity failure worth retrying (the dependency may be back soon). */
export const isTransient = (error: unknown): boolean => findUnreachableDependency(error) !== undefined;
