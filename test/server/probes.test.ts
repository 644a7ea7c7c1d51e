import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestServer, type TestServer } from './test-server.js';

describe('Server: /health and /ready', () => {
  it('answers /health with 200 {"status":"ok"} without touching any dependency', async () => {
    let probed = 0;
    const t = await startTestServer({ readiness: [{ name: 'database', check: async () => void probed++ }] });
    try {
      const response = await fetch(`${t.base}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
      expect(probed).toBe(0);
    } finally {
      await t.server.close();
    }
  });

  it('answers /ready with 200, every check up, and the extra info', async () => {
    const t = await startTestServer({
      readiness: [
        { name: 'database', check: async () => undefined },
        { name: 'redis', check: async () => undefined },
      ],
      info: () => ({ database: 'pglite', status: 'must not override' }),
    });
    try {
      const response = await fetch(`${t.base}/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        checks: { database: 'up', redis: 'up' },
        database: 'pglite',
      });
    } finally {
      await t.server.close();
    }
  });

  it('answers /ready with 503 naming what is down and why', async () => {
    const t = await startTestServer({
      readiness: [
        { name: 'database', check: async () => undefined },
        {
          name: 'redis',
          check: async () => {
            throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
          },
        },
      ],
    });
    try {
      const response = await fetch(`${t.base}/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'unavailable',
        checks: { database: 'up', redis: 'down: connect ECONNREFUSED 127.0.0.1:6379' },
      });
      expect(t.logs.some((line) => line.msg === 'not ready')).toBe(true);
    } finally {
      await t.server.close();
    }
  });

  it('reports a check that does not answer in time as down, without waiting for it', async () => {
    const t = await startTestServer({
      readiness: [{ name: 'database', check: () => new Promise<void>(() => undefined) }],
    });
    try {
      // The check never answers: a probe that waited for it would never respond at all.
      const response = await fetch(`${t.base}/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'unavailable',
        checks: { database: 'down: no answer within 2000 ms' },
      });
    } finally {
      await t.server.close();
    }
  });
});

describe('Server: request ids and access log', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('echoes a valid incoming x-request-id and uses it in the logs', async () => {
    const { headers, body } = await postGraphQL(
      t.base,
      { query: 'query WhoAsks { requestId }' },
      { 'x-request-id': 'edge-42.a_b' },
    );
    expect(headers.get('x-request-id')).toBe('edge-42.a_b');
    expect(body.data?.['requestId']).toBe('edge-42.a_b');
    const accessLine = () =>
      t.logs.find((line) => line.msg === 'request completed' && line.requestId === 'edge-42.a_b');
    await expect.poll(accessLine).toBeDefined();
    const access = accessLine();
    expect(access).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operationName: 'WhoAsks' });
    expect(typeof access?.['durationMs']).toBe('number');
  });

  it('generates an id when none is sent, and replaces one that is too long or has unsafe characters', async () => {
    const generated = await fetch(`${t.base}/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ['x'.repeat(129), 'spaces are bad', 'line\tbreak', 'a"b']) {
      const response = await fetch(`${t.base}/health`, { headers: { 'x-request-id': bad } });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const max = 'a'.repeat(128);
    expect((await fetch(`${t.base}/health`, { headers: { 'x-request-id': max } })).headers.get('x-request-id')).toBe(
      max,
    );
  });

  it('writes one access log line per request, probes and schema polls at debug level', async () => {
    const response = await fetch(`${t.base}/health`, { headers: { 'x-request-id': 'probe-1' } });
    await response.text();
    const linesOf = (requestId: string) =>
      t.logs.filter((line) => line.requestId === requestId && line.msg === 'request completed');
    // The line is written when the response finishes, which the client may see first: wait for it.
    await expect.poll(() => linesOf('probe-1')).toHaveLength(1);
    expect(linesOf('probe-1')[0]).toMatchObject({ level: 20, method: 'GET', path: '/health', status: 200 });

    const introspection = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'poll-1' },
      body: JSON.stringify({
        operationName: 'IntrospectionQuery',
        query: 'query IntrospectionQuery { __schema { queryType { name } } }',
      }),
    });
    await introspection.text();
    await expect.poll(() => linesOf('poll-1')).toHaveLength(1);
    expect(linesOf('poll-1')[0]).toMatchObject({ level: 20, operationName: 'IntrospectionQuery' });

    const query = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'query-1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await query.text();
    await expect.poll(() => linesOf('query-1')).toHaveLength(1);
    expect(linesOf('query-1')[0]).toMatchObject({ level: 30, path: '/graphql', status: 200 });
  });
});

describe('Server: /metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(`${t.base}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text();
  };
  const sample = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };

  it('counts HTTP requests by route and status, and GraphQL operations by name and outcome', async () => {
    const before = await scrape();
    await fetch(`${t.base}/health`);
    await fetch(`${t.base}/health`);
    await fetch(`${t.base}/does-not-exist`);
    await postGraphQL(t.base, { query: 'query Greet { hello }' });
    await postGraphQL(t.base, { query: 'query Broken { boom }' });
    await postGraphQL(t.base, { query: 'query Missing { notFound }' });
    const after = await scrape();

    const delta = (series: string): number => sample(after, series) - sample(before, series);
    expect(delta('http_requests_total{method="GET",route="/health",status="200"}')).toBe(2);
    expect(delta('http_requests_total{method="GET",route="other",status="404"}')).toBe(1);
    expect(delta('http_requests_total{method="POST",route="/graphql",status="200"}')).toBe(3);
    expect(delta('graphql_operations_total{operation="Greet",type="query",outcome="success",transport="http"}')).toBe(
      1,
    );
    expect(delta('graphql_operations_total{operation="Broken",type="query",outcome="error",transport="http"}')).toBe(1);
    expect(delta('graphql_errors_total{code="INTERNAL",transport="http"}')).toBe(1);
    expect(delta('graphql_errors_total{code="NOT_FOUND",transport="http"}')).toBe(1);
    expect(delta('http_request_duration_seconds_count{route="/health"}')).toBe(2);
  });

  it('exposes a latency histogram, WebSocket connections and process memory and uptime', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",route="\/health"\} \d+$/m);
    expect(text).toMatch(/^graphql_ws_connections_active 0$/m);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
    expect(sample(text, 'process_uptime_seconds')).toBeGreaterThan(0);
  });
});
