// What a production deployment shows strangers: no introspection, no "did you mean" map of the schema, no
// GraphiQL, no open /metrics; and what it shows when the operator turns them on (GraphiQL with a CSP that allows
// only its own scripts; /metrics behind a token or on a port of its own).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { postGraphQL, startTestServer, testServerConfig, type TestServer } from '../server/test-server.js';

const BROWSER = { accept: 'text/html' };

describe('NODE_ENV=production defaults', () => {
  let t: TestServer;
  beforeAll(async () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production).toMatchObject({ introspection: false, graphiql: false });
    t = await startTestServer({
      config: testServerConfig({ NODE_ENV: 'production', introspection: false, graphiql: false }),
    });
  });
  afterAll(async () => t?.server.close());

  it('refuses introspection and strips "Did you mean" suggestions', async () => {
    const introspection = await postGraphQL(t.base, { query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const typo = await postGraphQL(t.base, { query: '{ helo }' });
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "helo" on type "Query".');
  });

  it('serves no GraphiQL (404 saying how to turn it on) and no /metrics without METRICS_PORT or METRICS_TOKEN', async () => {
    const page = await fetch(`${t.base}/graphql`, { headers: BROWSER });
    expect(page.status).toBe(404);
    expect(((await page.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('GRAPHIQL=on');
    const metrics = await fetch(`${t.base}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).toContain('set METRICS_PORT or METRICS_TOKEN');
  });
});

describe('turned on by the operator', () => {
  let t: TestServer;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    t = await startTestServer({
      config: testServerConfig({ NODE_ENV: 'production', introspection: true, graphiql: true, METRICS_TOKEN: token }),
    });
  });
  afterAll(async () => t?.server.close());

  it('GRAPHIQL=on serves it with a Content-Security-Policy allowing only its own inline script', async () => {
    const page = await fetch(`${t.base}/graphql`, { headers: BROWSER });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    const html = await page.text();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('METRICS_TOKEN: /metrics needs the bearer token', async () => {
    expect((await fetch(`${t.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.base}/metrics`, { headers: { authorization: 'Bearer wrong-token-000000' } })).status).toBe(
      401,
    );
    const scrape = await fetch(`${t.base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('http_requests_total');
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics on its own port only', async () => {
    const t = await startTestServer({ config: testServerConfig({ METRICS_PORT: 0 }) });
    try {
      expect(t.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetch(`${t.base}/metrics`)).status).toBe(404);
      const scrape = await fetch(t.server.metricsUrl!);
      expect(scrape.status).toBe(200);
    } finally {
      await t.server.close();
    }
  });
});
