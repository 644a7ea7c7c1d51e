import { bearer } from '../support/access.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormattedExecutionResult } from 'graphql';
import WebSocket from 'ws';
import { SECRET, startTestServer, withoutCost, wsClient, type TestServer } from './test-server.js';

async function collect(iterator: AsyncIterableIterator<FormattedExecutionResult>): Promise<FormattedExecutionResult[]> {
  const results: FormattedExecutionResult[] = [];
  for await (const result of iterator) results.push(result);
  return results;
}

/** Runs one operation and returns what the server sent: results, or the error payload it rejected with. */
async function run(url: string, query: string, variables?: Record<string, unknown>) {
  const client = wsClient(url);
  try {
    return { results: (await collect(client.iterate({ query, variables }))).map(withoutCost) };
  } catch (errors) {
    return { errors: errors as Array<{ message: string; extensions?: Record<string, unknown> }> };
  } finally {
    await client.dispose();
  }
}

describe('Server: GraphQL over WebSocket (graphql-ws)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('delivers every event of a subscription, then completes', async () => {
    const { results } = await run(t.wsUrl, 'subscription { countdown(from: 3) }');
    expect(results).toEqual([3, 2, 1, 0].map((n) => ({ data: { countdown: n } })));
  });

  it('answers queries too, on the same port and path as HTTP', async () => {
    const { results } = await run(t.wsUrl, 'query { hello(name: "ws") }');
    expect(results).toEqual([{ data: { hello: 'Hello, ws' } }]);
  });

  it('masks an error thrown by the event stream, without its message, and logs it', async () => {
    const { results, errors } = await run(t.wsUrl, 'subscription Broken { brokenStream }');
    expect(results).toBeUndefined();
    expect(errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL', http: { status: 500 } } },
    ]);
    expect(JSON.stringify(errors)).not.toContain('hunter2');
    expect(
      t.logs.some(
        (line) => line.msg === 'unexpected error masked as INTERNAL' && JSON.stringify(line).includes(SECRET),
      ),
    ).toBe(true);
  });

  it('masks an error from resolving one event and keeps the subscription going', async () => {
    const { results } = await run(t.wsUrl, 'subscription { brokenEvent }');
    expect(results).toEqual([
      { data: { brokenEvent: 1 } },
      {
        data: { brokenEvent: null },
        errors: [
          {
            message: 'Internal server error',
            locations: [{ line: 1, column: 16 }],
            path: ['brokenEvent'],
            extensions: { code: 'INTERNAL', http: { status: 500 } },
          },
        ],
      },
    ]);
  });

  it('formats AppErrors like HTTP does', async () => {
    const { results } = await run(t.wsUrl, '{ notFound }');
    expect(results?.[0]?.errors?.[0]).toMatchObject({
      message: 'Repository octo/missing does not exist',
      extensions: { code: 'NOT_FOUND', http: { status: 404 }, repository: 'octo/missing' },
    });
  });

  it('rejects a syntax error, an unknown field, a bad variable or a too-deep query with BAD_USER_INPUT, keeping the socket open', async () => {
    const client = wsClient(t.wsUrl, undefined, false);
    let connections = 0;
    let closed = false;
    client.on('connected', () => void connections++);
    client.on('closed', () => void (closed = true));
    try {
      const attempt = async (query: string, variables?: Record<string, unknown>) => {
        try {
          return (await collect(client.iterate({ query, variables }))).map(withoutCost);
        } catch (errors) {
          return errors as Array<{ message: string; extensions?: Record<string, unknown> }>;
        }
      };
      const deep = `{ nested { ${'child { '.repeat(12)}value${' }'.repeat(12)} } }`;
      const cases = [
        ['subscription {', /^Syntax Error/],
        ['subscription { nope }', /^Cannot query field "nope"/],
        [deep, /levels deep; the limit is 12/],
      ] as const;
      for (const [query, message] of cases) {
        const errors = (await attempt(query)) as Array<{ message: string; extensions?: Record<string, unknown> }>;
        expect(errors[0]?.message).toMatch(message);
        expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
      }
      const badVariable = (await attempt('subscription ($from: Int!) { countdown(from: $from) }', {
        from: 'x',
      })) as FormattedExecutionResult[];
      expect(badVariable[0]?.errors?.[0]?.message).toMatch(/Variable "\$from" got invalid value "x"/);
      expect(badVariable[0]?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      // Still connected: the next operation runs on the same socket.
      expect(await attempt('{ hello }')).toEqual([{ data: { hello: 'Hello, world' } }]);
      expect(closed).toBe(false);
      expect(connections).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it('creates a context per operation, with its own request id and the connection params as headers', async () => {
    const { authorization } = await bearer('ws-user', 'VIEWER');
    const client = wsClient(t.wsUrl, { Authorization: authorization });
    try {
      const [first] = await collect(client.iterate({ query: 'subscription { whoAmI }' }));
      const [second] = await collect(client.iterate({ query: 'subscription { whoAmI }' }));
      const [firstId, firstAuth] = String(first?.data?.['whoAmI']).split('|');
      const [secondId] = String(second?.data?.['whoAmI']).split('|');
      expect(firstAuth).toBe(authorization);
      expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
      expect(secondId).not.toBe(firstId);
    } finally {
      await client.dispose();
    }
  });

  it('counts open connections and operations in /metrics', async () => {
    const client = wsClient(t.wsUrl);
    const iterator = client.iterate({ query: 'subscription Ticking { ticks }' });
    await iterator.next();
    const during = await (await fetch(`${t.base}/metrics`)).text();
    expect(during).toMatch(/^graphql_ws_connections_active 1$/m);
    await iterator.return?.();
    await client.dispose();
    // The server sees the socket close after the client does: wait for it rather than for a guessed delay.
    const scrape = async () => (await fetch(`${t.base}/metrics`)).text();
    await expect.poll(scrape).toMatch(/^graphql_ws_connections_active 0$/m);
    const after = await scrape();
    expect(after).toMatch(
      /^graphql_operations_total\{operation="Ticking",type="subscription",outcome="success",transport="ws"\} 1$/m,
    );
    expect(after).toMatch(/^graphql_errors_total\{code="INTERNAL",transport="ws"\} \d+$/m);
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    const socket = new WebSocket(`${t.wsUrl.replace('/graphql', '/elsewhere')}`, 'graphql-transport-ws');
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
