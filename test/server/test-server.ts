// A small graphql-js schema exercising every path the server must handle (data, AppError, unexpected error,
// unreachable database, slow resolver, subscriptions), and a helper starting the real server on port 0.
import type { Actor } from '../../src/access/index.js';
import { loadConfig } from '../../src/config.js';
import { testAccess } from '../support/access.js';
import {
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { pino, type Logger } from 'pino';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, ErrorCode } from '../../src/errors.js';
import {
  startServer,
  type ReadinessCheck,
  type RequestInfo,
  type RunningServer,
  type ServerConfig,
  type ServerDeps,
} from '../../src/server/index.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface TestContext {
  requestId: string;
  authorization: string | undefined;
  viewer: Actor;
}

export const SECRET = 'postgres://admin:hunter2@db.internal/prod';

const databaseDown = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
    code: 'ECONNREFUSED',
    port: 5432,
    address: '10.0.0.5',
  });

const Nested: GraphQLObjectType = new GraphQLObjectType({
  name: 'Nested',
  fields: (): GraphQLFieldConfigMap<unknown, TestContext> => ({
    value: { type: GraphQLInt, resolve: () => 1 },
    child: { type: Nested, resolve: () => ({}) },
  }),
});

let counter = 0;

export const testSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, TestContext>({
    name: 'Query',
    fields: {
      hello: {
        type: GraphQLString,
        args: { name: { type: GraphQLString } },
        resolve: (_, args: { name?: string }) => `Hello, ${args.name ?? 'world'}`,
      },
      requestId: { type: GraphQLString, resolve: (_, __, context) => context.requestId },
      authorization: { type: GraphQLString, resolve: (_, __, context) => context.authorization ?? null },
      notFound: {
        type: GraphQLString,
        resolve: () => {
          throw new AppError(ErrorCode.NOT_FOUND, 'Repository octo/missing does not exist', {
            repository: 'octo/missing',
          });
        },
      },
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error(`cannot parse ${SECRET}`);
        },
      },
      databaseDown: {
        type: GraphQLString,
        resolve: () => {
          throw databaseDown();
        },
      },
      databaseDownWhole: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: () => {
          throw databaseDown();
        },
      },
      forbiddenGraphQLError: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('Only maintainers may see this', { extensions: { code: 'FORBIDDEN', secret: 'x' } });
        },
      },
      validated: {
        type: GraphQLString,
        resolve: () => {
          throw new ArgumentValidationError([
            {
              property: 'input',
              value: { title: '', password: 'hunter2' },
              children: [
                {
                  property: 'title',
                  value: '',
                  constraints: { isNotEmpty: 'title should not be empty' },
                  children: [],
                },
              ],
            },
          ]);
        },
      },
      slow: {
        type: GraphQLString,
        args: { ms: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: async (_, args: { ms: number }) => {
          resolverCalls.slow += 1;
          await sleep(args.ms);
          return 'done';
        },
      },
      big: {
        type: GraphQLString,
        description: 'A string of `bytes` characters: a body the kernel cannot take in one write.',
        args: { bytes: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_, args: { bytes: number }) => 'x'.repeat(args.bytes),
      },
      held: {
        type: GraphQLString,
        description:
          'Answers once the test calls gate.open(): a request in flight for exactly as long as a test wants.',
        resolve: async () => {
          await gate.opened;
          return 'released';
        },
      },
      nested: { type: Nested, resolve: () => ({}) },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: { increment: { type: GraphQLInt, resolve: () => ++counter } },
  }),
  subscription: new GraphQLObjectType<unknown, TestContext>({
    name: 'Subscription',
    fields: {
      countdown: {
        type: GraphQLInt,
        args: { from: { type: new GraphQLNonNull(GraphQLInt) } },
        subscribe: async function* (_, args: { from: number }) {
          for (let n = args.from; n >= 0; n--) yield n;
        },
        resolve: (n) => n,
      },
      ticks: {
        type: GraphQLInt,
        subscribe: async function* () {
          for (let n = 0; ; n++) {
            yield n;
            await sleep(20);
          }
        },
        resolve: (n) => n,
      },
      brokenStream: {
        type: GraphQLInt,
        subscribe: async function* () {
          yield 1;
          throw new Error(`stream lost ${SECRET}`);
        },
        resolve: (n) => n,
      },
      brokenEvent: {
        type: GraphQLInt,
        subscribe: async function* () {
          yield 1;
          yield 2;
        },
        resolve: (n) => {
          if (n === 2) throw new Error(`event failed ${SECRET}`);
          return n;
        },
      },
      whoAmI: {
        type: GraphQLString,
        subscribe: async function* (_, __, context: TestContext) {
          yield `${context.requestId}|${context.authorization ?? ''}`;
        },
        resolve: (value) => value,
      },
    },
  }),
});

export type LogLine = Record<string, unknown> & { msg?: string; level?: number; requestId?: string };

/** How often resolvers ran (this test file's process): a refused operation never reaches them. */
export const resolverCalls = { slow: 0 };

/** Holds `held` resolvers until opened; `reset()` closes it again for the next test. */
export const gate = {
  open: () => undefined as void,
  opened: Promise.resolve(),
  reset() {
    this.opened = new Promise<void>((resolve) => (this.open = resolve));
  },
};
gate.reset();

export interface TestServer {
  server: RunningServer;
  /** http://127.0.0.1:<port> */
  base: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  logs: LogLine[];
  contexts: RequestInfo[];
}

export function captureLogger(lines: LogLine[]): Logger {
  return pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

/** The server's configuration as a test gets it: the product's defaults, port 0, small limits. */
export function testServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    PORT: 0,
    HOST: '127.0.0.1',
    MAX_BODY_BYTES: 10_000,
    SHUTDOWN_TIMEOUT_MS: 5_000,
    ...overrides,
  };
}

export async function startTestServer(overrides: Partial<ServerDeps> = {}): Promise<TestServer> {
  const logs: LogLine[] = [];
  const contexts: RequestInfo[] = [];
  const readiness: ReadinessCheck[] = [{ name: 'database', check: async () => undefined }];
  const server = await startServer({
    schema: testSchema,
    logger: captureLogger(logs),
    config: testServerConfig(),
    access: testAccess(),
    createContext: (request: RequestInfo): TestContext => {
      contexts.push(request);
      return { requestId: request.requestId, authorization: request.headers['authorization'], viewer: request.viewer };
    },
    readiness,
    ...overrides,
  });
  const base = server.url.replace(/\/graphql$/, '');
  return { server, base, wsUrl: `${base.replace(/^http/, 'ws')}/graphql`, logs, contexts };
}

/**
 * The body without `extensions.cost`, which every response carries (test/access covers it): tests of other
 * concerns compare the rest exactly.
 */
export function withoutCost<T>(body: T): T {
  const extensions = (body as { extensions?: Record<string, unknown> }).extensions;
  if (!extensions || !('cost' in extensions)) return body;
  const { cost: _cost, ...rest } = extensions;
  const copy = { ...body } as { extensions?: Record<string, unknown> };
  if (Object.keys(rest).length > 0) copy.extensions = rest;
  else delete copy.extensions;
  return copy as T;
}

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

export async function postGraphQL(
  base: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: GraphQLResponseBody }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: withoutCost(await response.json()) };
}

/** `lazy: false` keeps one socket open until disposed (a lazy client closes it whenever it is idle). */
export function wsClient(url: string, connectionParams?: Record<string, unknown>, lazy = true): Client {
  return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy, connectionParams });
}

export const CLOSED_CODES = new Set<string>(Object.values(ErrorCode));
