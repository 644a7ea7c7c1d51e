// GraphiQL playground at GET /graphql for browsers. The page from @graphql-yoga/render-graphiql embeds all its
// JavaScript and CSS (no CDN), so it works offline and behind strict egress rules. It is ~9 MB: rendered and
// gzipped once on first request, then served with an ETag so a browser downloads it once per deployment.
// Apollo's own landing page is disabled in apollo.ts: it loads its UI from Apollo's CDN.
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

export const GRAPHIQL_DEFAULT_QUERY = `# Welcome to OST Graph.
#
# Write a query on the left and run it with Ctrl+Enter (Cmd+Enter on macOS).
# The Docs panel lists every type and field; Ctrl+Space completes as you type.
# Subscriptions run over WebSocket on this same endpoint.

query Hello {
  __typename
}
`;

export interface GraphiQLPage {
  html: string;
  gzipped: Buffer;
  etag: string;
  /** Content-Security-Policy: only this page's own inline scripts (by hash) run; it talks to this origin only. */
  csp: string;
}

/**
 * A policy for the page as rendered: its inline scripts allowed by their sha256 (no 'unsafe-inline' or eval for
 * scripts), styles inline (the editor injects them), workers from blob: (the editor's language workers), requests
 * and sockets to this origin only, never framed (clickjacking).
 */
function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ') || "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

let rendered: GraphiQLPage | undefined;

/** The page, rendered on first use (not at boot: tests and CLI start servers that never serve it). */
export function graphiqlPage(): GraphiQLPage {
  rendered ??= renderGraphiQLPage('/graphql');
  return rendered;
}

export function renderGraphiQLPage(endpoint: string): GraphiQLPage {
  const html = renderGraphiQL({
    endpoint,
    subscriptionsProtocol: 'WS',
    title: 'OST Graph',
    defaultQuery: GRAPHIQL_DEFAULT_QUERY,
  });
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
  return { html, gzipped: gzipSync(html), etag, csp: contentSecurityPolicy(html) };
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function handleGraphiQL(req: http.IncomingMessage, res: http.ServerResponse, page: GraphiQLPage): void {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('etag', page.etag);
  res.setHeader('vary', 'accept, accept-encoding');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('content-security-policy', page.csp);
  res.setHeader('x-frame-options', 'DENY');
  if (req.headers['if-none-match'] === page.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (acceptsGzip(req.headers['accept-encoding'])) {
    res.setHeader('content-encoding', 'gzip');
    res.setHeader('content-length', page.gzipped.length);
    res.end(page.gzipped);
  } else {
    res.setHeader('content-length', Buffer.byteLength(page.html));
    res.end(page.html);
  }
}
