// Recognising what an error means once it has been wrapped: by graphql-js (originalError), by our infra or a
// driver (cause), or by Node's connection attempts (AggregateError.errors). Used by error-formatting.ts.
import { GraphQLError } from 'graphql';

/** The error and what it wraps through GraphQLError.originalError, outermost first. */
export function originalErrorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return chain;
}

/** Every error reachable through originalError, cause and AggregateError.errors (bounded, cycle-safe). */
function everyCause(error: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 25) {
    const next = queue.shift();
    if (next === undefined || next === null || seen.includes(next)) continue;
    seen.push(next);
    if (next instanceof GraphQLError && next.originalError) queue.push(next.originalError);
    if (next instanceof Error && next.cause !== undefined) queue.push(next.cause);
    if (next instanceof AggregateError) queue.push(...(next.errors as unknown[]));
  }
  return seen;
}

/** The deepest wrapped error: the one whose stack says where things went wrong. */
export function rootCause(error: unknown): unknown {
  const chain = originalErrorChain(error);
  return chain[chain.length - 1] ?? error;
}

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
    message === 'Connection terminated due to connection timeout'
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

/** class-validator's ValidationError, as type-graphql's ArgumentValidationError carries it. */
interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

export interface FieldViolation {
  /** Dotted path of the failing input field, e.g. `input.title`. */
  field: string;
  /** Constraint name → message, as class-validator words it. */
  constraints: Record<string, string>;
}

/**
 * Flattens class-validator errors into one entry per failing field. The rejected values and target objects are
 * left out on purpose: they can be large or hold secrets, and the client already has them.
 */
export function flattenViolations(errors: unknown, parent = ''): FieldViolation[] {
  if (!Array.isArray(errors)) return [];
  return (errors as ClassValidatorError[]).flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : String(error.property);
    const own: FieldViolation[] = error.constraints ? [{ field: path, constraints: { ...error.constraints } }] : [];
    return [...own, ...flattenViolations(error.children, path)];
  });
}
