import { bearer } from '../support/access.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestServer, withoutCost, type TestServer } from './test-server.js';

describe('Server: GraphQL over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('listens on the real port when asked for port 0 and reports its URL', () => {
    expect(t.server.port).toBeGreaterThan(0);
    expect(t.server.url).toBe(`http://127.0.0.1:${t.server.port}/graphql`);
  });

  it('answers a query sent as JSON over POST', async () => {
    const { status, body } = await postGraphQL(t.base, {
      query: 'query Greet($name: String) { hello(name: $name) }',
      variables: { name: 'Ada' },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { hello: 'Hello, Ada' } });
  });

  it('answers a query sent over GET with its variables in the URL', async () => {
    const search = new URLSearchParams({
      query: 'query Greet($name: String) { hello(name: $name) }',
      variables: JSON.stringify({ name: 'Grace' }),
    });
    const response = await fetch(`${t.base}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(withoutCost(await response.json())).toEqual({ data: { hello: 'Hello, Grace' } });
  });

  it('refuses a GET without a preflight-forcing header as a possible CSRF, with BAD_USER_INPUT', async () => {
    const response = await fetch(`${t.base}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.message).toContain('Cross-Site Request Forgery');
    expect(body.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('refuses a mutation sent over GET with 405 and does not run it', async () => {
    const response = await fetch(`${t.base}/graphql?query=${encodeURIComponent('mutation { increment }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const body = (await response.json()) as {
      data?: unknown;
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.message).toBe('GET requests only support query operations, not mutation operations');
    expect(body.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 405 } });
  });

  it('runs the same mutation over POST', async () => {
    const { status, body } = await postGraphQL(t.base, { query: 'mutation { increment }' });
    expect(status).toBe(200);
    expect(body.data?.['increment']).toEqual(expect.any(Number));
  });

  it('answers 413 with a JSON error when the body exceeds MAX_BODY_BYTES, and closes that connection', async () => {
    const response = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ hello(name: "${'x'.repeat(20_000)}") }` }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.message).toMatch(/larger than the 10000-byte limit/);
    expect(body.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 413 } });
  });

  it('answers 413 for an oversized chunked body that declares no length', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 30; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1_000)));
        controller.close();
      },
    });
    const response = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('answers 400 BAD_USER_INPUT saying why when the body is not JSON', async () => {
    const response = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.message).toMatch(/^Request body is not valid JSON/);
    expect(body.errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('answers a syntax error with 400 BAD_USER_INPUT and the parser message', async () => {
    const { status, body } = await postGraphQL(t.base, { query: '{ hello ' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/^Syntax Error/);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('answers a validation error with 400 BAD_USER_INPUT naming the unknown field', async () => {
    const { status, body } = await postGraphQL(t.base, { query: '{ nope }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('Cannot query field "nope" on type "Query".');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('answers a variable of the wrong type with 400 BAD_USER_INPUT', async () => {
    const { status, body } = await postGraphQL(t.base, {
      query: 'query ($ms: Int!) { slow(ms: $ms) }',
      variables: { ms: 'soon' },
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/Variable "\$ms" got invalid value "soon"/);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('creates a fresh context per request, carrying that request id and the headers', async () => {
    const one = await bearer('one', 'VIEWER');
    const two = await bearer('two', 'VIEWER');
    const first = await postGraphQL(t.base, { query: '{ requestId authorization }' }, one);
    const second = await postGraphQL(t.base, { query: '{ requestId authorization }' }, two);
    expect(first.body.data?.['requestId']).toBe(first.headers.get('x-request-id'));
    expect(second.body.data?.['requestId']).toBe(second.headers.get('x-request-id'));
    expect(first.body.data?.['requestId']).not.toBe(second.body.data?.['requestId']);
    expect([first.body.data?.['authorization'], second.body.data?.['authorization']]).toEqual([
      one['authorization'],
      two['authorization'],
    ]);
  });

  it('redirects / to /graphql (keeping the query string), where GraphiQL and the endpoint are', async () => {
    const response = await fetch(`${t.base}/?query=%7B__typename%7D`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql?query=%7B__typename%7D');
    expect((await fetch(`${t.base}/`, { method: 'POST', redirect: 'manual' })).status).toBe(405);
  });

  it('answers 404 NOT_FOUND, in the GraphQL error shape, for any other path', async () => {
    const response = await fetch(`${t.base}/nope`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(body.errors[0]?.message).toContain('/graphql');
  });
});
