import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefersHtml } from '../../src/server/http/accepts.js';
import { startTestServer, type TestServer } from './test-server.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Raw GET (fetch would transparently gunzip and hide content-encoding). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

/** Every URL the page would load: script/img/iframe src, link href, CSS url() and @import. */
function loadedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/<(?:script|img|iframe|source|embed)\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map(
    (m) => m[1] ?? '',
  );
  const links = [...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1] ?? '');
  const css = [...html.matchAll(/(?:url\(\s*["']?|@import\s+["'])((?:https?:)?\/\/[^"')\s]+)/gi)].map(
    (m) => m[1] ?? '',
  );
  return [...attributes, ...links, ...css];
}

describe('Server: GraphiQL playground', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('serves the GraphiQL page to a browser asking GET /graphql for HTML', async () => {
    const response = await fetch(`${t.base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>OST Graph</title>');
    expect(html).toContain('"endpoint":"/graphql"');
    expect(html).toContain('"subscriptionsProtocol":"WS"');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
  });

  it('loads nothing from another host: no external script, stylesheet, font or image', async () => {
    // The detector itself finds every kind of external load it looks for.
    const cdnPage =
      '<script src="https://cdn.example/a.js"></script><link rel="stylesheet" href="//cdn.example/b.css">' +
      '<style>@import "https://cdn.example/c.css"; .x { background: url(https://cdn.example/d.png) }</style>';
    expect(loadedUrls(cdnPage)).toHaveLength(4);

    const html = await (await fetch(`${t.base}/graphql`, { headers: { accept: 'text/html' } })).text();
    const external = loadedUrls(html).filter((url) => /^(?:https?:)?\/\//i.test(url));
    expect(external).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
  });

  it('sends the page gzipped with an ETag, and 304 when the browser already has it', async () => {
    const first = await rawGet(`${t.base}/graphql`, { accept: BROWSER_ACCEPT, 'accept-encoding': 'gzip, deflate' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(first.body).toString('utf8')).toContain('<title>OST Graph</title>');
    const etag = String(first.headers['etag']);
    const second = await rawGet(`${t.base}/graphql`, { accept: BROWSER_ACCEPT, 'if-none-match': etag });
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
  });

  it('answers a GET that prefers JSON (or accepts anything) as GraphQL, not with the page', async () => {
    const search = `query=${encodeURIComponent('{ hello }')}`;
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json, text/html;q=0.5']) {
      const response = await fetch(`${t.base}/graphql?${search}`, {
        headers: { accept, 'apollo-require-preflight': '1' },
      });
      expect(response.headers.get('content-type'), accept).toMatch(/json/);
    }
  });
});

describe('Server: Accept negotiation', () => {
  it('prefers HTML only when text/html outranks every GraphQL JSON type', () => {
    expect(prefersHtml(BROWSER_ACCEPT)).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('application/json, text/html')).toBe(false);
    expect(prefersHtml('text/html;q=0.5, application/json;q=0.9')).toBe(false);
    expect(prefersHtml('text/*, application/json;q=0.1')).toBe(true);
  });
});
