import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src/errors.js';
import { classifyError } from '../../src/server/index.js';
import {
  CLOSED_CODES,
  postGraphQL,
  SECRET,
  startTestServer,
  testServerConfig,
  type TestServer,
} from './test-server.js';

describe('Server: errors sent over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('sends an AppError with its code, its HTTP status and its details, and still answers 200', async () => {
    const { status, body } = await postGraphQL(t.base, { query: '{ hello notFound }' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ hello: 'Hello, world', notFound: null });
    expect(body.errors).toEqual([
      {
        message: 'Repository octo/missing does not exist',
        locations: [{ line: 1, column: 9 }],
        path: ['notFound'],
        extensions: { repository: 'octo/missing', code: 'NOT_FOUND', http: { status: 404 } },
      },
    ]);
  });

  it('masks an unexpected error as INTERNAL without its message or stack, and logs it with the request id', async () => {
    const { status, headers, body } = await postGraphQL(t.base, { query: '{ boom }' });
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['boom'],
        extensions: { code: 'INTERNAL', http: { status: 500 } },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const requestId = headers.get('x-request-id');
    const logged = t.logs.find(
      (line) => line.msg === 'unexpected error masked as INTERNAL' && line.requestId === requestId,
    );
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged?.['err'])).toContain(SECRET);
  });

  it('never includes a stack trace, whatever NODE_ENV says', async () => {
    const dev = await startTestServer({
      config: testServerConfig({ SHUTDOWN_TIMEOUT_MS: 1_000, NODE_ENV: 'development' }),
    });
    try {
      const { body } = await postGraphQL(dev.base, { query: '{ boom databaseDown nope }' });
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
      const { body: executed } = await postGraphQL(dev.base, { query: '{ boom }' });
      expect(executed.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL', http: { status: 500 } });
    } finally {
      await dev.server.close();
    }
  });

  it('says the service is temporarily unavailable, with status 503, when the database cannot be reached', async () => {
    const { status, body } = await postGraphQL(t.base, { query: '{ databaseDown }' });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toBe(
      'Service temporarily unavailable: the database cannot be reached; retry in 5 s',
    );
    expect(body.errors?.[0]?.extensions).toEqual({ retryAfter: 5, code: 'UNAVAILABLE', http: { status: 503 } });
    expect(JSON.stringify(body)).not.toContain('10.0.0.5');
  });

  it('answers 503 with Retry-After when the whole operation failed because a dependency is down', async () => {
    const response = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ databaseDownWhole }' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { data: unknown; errors: Array<{ extensions: unknown }> };
    expect(body.data).toBeNull();
    expect(body.errors[0]?.extensions).toEqual({ retryAfter: 5, code: 'UNAVAILABLE', http: { status: 503 } });
    // A partial result keeps 200: the client has data.
    const partial = await postGraphQL(t.base, { query: '{ hello databaseDown }' });
    expect(partial.status).toBe(200);
  });

  it('keeps a GraphQLError thrown with a closed-enum code, dropping its other extensions', async () => {
    const { body } = await postGraphQL(t.base, { query: '{ forbiddenGraphQLError }' });
    expect(body.errors?.[0]?.message).toBe('Only maintainers may see this');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', http: { status: 403 } });
  });

  it('turns a class-validator failure into BAD_USER_INPUT listing each failing field and constraint', async () => {
    const { body } = await postGraphQL(t.base, { query: '{ validated }' });
    expect(body.errors?.[0]?.message).toBe('Invalid arguments: title should not be empty');
    expect(body.errors?.[0]?.extensions).toEqual({
      validationErrors: [{ field: 'input.title', constraints: { isNotEmpty: 'title should not be empty' } }],
      code: 'BAD_USER_INPUT',
      http: { status: 400 },
    });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('answers with the AppError status when creating the context fails with one', async () => {
    const denied = await startTestServer({
      createContext: () => {
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'The token has expired: sign in again');
      },
    });
    try {
      const { status, body } = await postGraphQL(denied.base, { query: '{ hello }' });
      expect(status).toBe(401);
      expect(body.errors).toEqual([
        {
          message: 'The token has expired: sign in again',
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        },
      ]);
    } finally {
      await denied.server.close();
    }
  });

  it('answers 503 with the retry message when the context cannot be created because the database is down', async () => {
    const down = await startTestServer({
      createContext: () => {
        throw Object.assign(new Error("Can't reach database server at db:5432"), { code: 'P1001' });
      },
    });
    try {
      const { status, body } = await postGraphQL(down.base, { query: '{ hello }' });
      expect(status).toBe(503);
      expect(body.errors).toEqual([
        {
          message: 'Service temporarily unavailable: the database cannot be reached; retry in 5 s',
          extensions: { retryAfter: 5, code: 'UNAVAILABLE', http: { status: 503 } },
        },
      ]);
    } finally {
      await down.server.close();
    }
  });

  it('answers 500 INTERNAL, masked, when creating the context fails unexpectedly', async () => {
    const broken = await startTestServer({
      createContext: () => {
        throw new Error(`bad config ${SECRET}`);
      },
    });
    try {
      const { status, body } = await postGraphQL(broken.base, { query: '{ hello }' });
      expect(status).toBe(500);
      expect(body.errors).toEqual([
        { message: 'Internal server error', extensions: { code: 'INTERNAL', http: { status: 500 } } },
      ]);
    } finally {
      await broken.server.close();
    }
  });

  it('sends only codes from the closed enum, whatever went wrong', async () => {
    const queries = [
      '{ boom }',
      '{ notFound }',
      '{ databaseDown }',
      '{ nope }',
      '{ hello',
      '{ validated }',
      'query A { hello } query B { hello }',
    ];
    for (const query of queries) {
      const { body } = await postGraphQL(t.base, { query });
      for (const error of body.errors ?? []) {
        expect(CLOSED_CODES.has(String(error.extensions?.['code'])), `${query}: ${JSON.stringify(error)}`).toBe(true);
        expect(
          Object.keys(error.extensions ?? {}).filter(
            (key) => !['code', 'http', 'repository', 'validationErrors', 'retryAfter'].includes(key),
          ),
        ).toEqual([]);
      }
    }
  });
});

describe('Server: classifyError', () => {
  const located = (error: Error): GraphQLError =>
    new GraphQLError(error.message, { originalError: error, path: ['field'] });

  it('recognises Prisma errors meaning the database is unreachable', () => {
    const p1001 = Object.assign(new Error("Can't reach database server at db:5432"), {
      name: 'PrismaClientKnownRequestError',
      code: 'P1001',
    });
    const init = Object.assign(new Error('Authentication failed'), { name: 'PrismaClientInitializationError' });
    expect(classifyError(located(p1001))).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(classifyError(located(p1001)).message).toBe(
      'Service temporarily unavailable: the database cannot be reached; retry in 5 s',
    );
    expect(classifyError(located(init)).status).toBe(503);
  });

  it("recognises PostgreSQL going away, raw (pg) or through Prisma's driver adapter", () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      severity: 'FATAL',
    });
    expect(classifyError(located(terminated))).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    const starting = Object.assign(new Error('the database system is starting up'), {
      code: '57P03',
      severity: 'FATAL',
    });
    expect(classifyError(located(starting)).code).toBe('UNAVAILABLE');
    const viaPrisma = Object.assign(new Error('Raw query failed. Code: `57P01`.'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code: '57P01' } } },
    });
    expect(classifyError(located(viaPrisma)).code).toBe('UNAVAILABLE');
    // A query the database refused for its own reasons is not an outage.
    const syntax = Object.assign(new Error('syntax error'), { code: '42601', severity: 'ERROR' });
    expect(classifyError(located(syntax))).toMatchObject({ code: 'INTERNAL', status: 500 });
  });

  it('recognises a closed PGlite and Redis failing fast', () => {
    expect(classifyError(located(new Error('PGlite is closed'))).message).toContain('the database cannot be reached');
    const redis = Object.assign(new Error('Reached the max retries per request limit (which is 2).'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(classifyError(located(redis)).message).toBe(
      'Service temporarily unavailable: Redis cannot be reached; retry in 5 s',
    );
  });

  it('finds the refused connection inside causes and AggregateErrors, naming Redis by its port', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
      code: 'ECONNREFUSED',
      port: 6379,
    });
    const aggregate = Object.assign(new AggregateError([refused], ''), { code: 'ECONNREFUSED' });
    const wrapped = new Error('cache read failed', { cause: aggregate });
    expect(classifyError(located(wrapped)).message).toBe(
      'Service temporarily unavailable: Redis cannot be reached; retry in 5 s',
    );
  });

  it('prefers an AppError over a connectivity failure it wraps as cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const appError = new AppError(ErrorCode.CONFLICT, 'Objective already archived', undefined, { cause: refused });
    expect(classifyError(located(appError))).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      message: 'Objective already archived',
    });
  });

  it('masks an INTERNAL-coded or unknown-coded GraphQLError thrown by a resolver', () => {
    const internal = new GraphQLError('pool exhausted at 10.0.0.1', { extensions: { code: 'INTERNAL' } });
    const odd = new GraphQLError('something', { extensions: { code: 'WEIRD' } });
    expect(classifyError(located(internal))).toMatchObject({ code: 'INTERNAL', message: 'Internal server error' });
    expect(classifyError(located(odd))).toMatchObject({ code: 'INTERNAL', message: 'Internal server error' });
  });

  it('maps an enum serialisation failure deep in execution to INTERNAL, not to a user error', () => {
    const serialize = new GraphQLError('Enum "Status" cannot represent value: "archived"');
    expect(
      classifyError(new GraphQLError(serialize.message, { originalError: serialize, path: ['status'] })).code,
    ).toBe('INTERNAL');
  });
});
