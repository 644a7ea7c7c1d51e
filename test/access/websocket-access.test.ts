// graphql-ws as an outsider tries it: a page on a foreign origin opening a socket (cross-site WebSocket hijacking),
// bad and expiring tokens in connectionParams, too many sockets, subscriptions or messages.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testAccess, tokenFor } from '../support/access.js';
import { startTestServer, testServerConfig, type TestServer } from '../server/test-server.js';

/** Opens a raw socket (any Origin) and resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { origin } : {});
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => undefined);
  });
}

function client(
  url: string,
  params?: Record<string, unknown>,
): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const c = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // the close is what the test looks at
    connectionParams: params,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  return { client: c, closed };
}

const first = (c: Client, query: string) =>
  new Promise<unknown>((resolve, reject) =>
    c.subscribe({ query }, { next: resolve, error: reject, complete: () => undefined }),
  );

describe('WebSocket access', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      config: testServerConfig({
        CORS_ORIGINS: 'https://app.example.com',
        WS_MAX_SOCKETS_PER_IDENTITY: 2,
        WS_MAX_SUBSCRIPTIONS: 2,
        WS_MAX_MESSAGES_PER_SECOND: 20,
      }),
      access: testAccess(),
    });
  });
  afterAll(async () => t?.server.close());

  it('refuses an upgrade from a foreign Origin (403), accepts its own, a listed one and non-browsers', async () => {
    expect(await upgradeStatus(t.wsUrl, 'https://evil.example.net')).toBe(403);
    expect(await upgradeStatus(t.wsUrl, t.base)).toBe(101);
    expect(await upgradeStatus(t.wsUrl, 'https://app.example.com')).toBe(101);
    expect(await upgradeStatus(t.wsUrl, undefined)).toBe(101);
  });

  it('takes the token from connectionParams at connection_init, and refuses a bad one with 4403 and why', async () => {
    const good = client(t.wsUrl, { authorization: `Bearer ${await tokenFor('wsa', 'MEMBER')}` });
    expect(await first(good.client, '{ hello }')).toMatchObject({ data: { hello: 'Hello, world' } });
    await good.client.dispose();

    const bad = client(t.wsUrl, { token: await tokenFor('wsa', 'MEMBER', { secret: 'x'.repeat(40) }) });
    const closed = await bad.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^Forbidden: token signature does not verify/);
    await bad.client.dispose();
  });

  it('closes a socket with 4403 when its token expires', async () => {
    const expiring = client(t.wsUrl, { token: await tokenFor('short', 'VIEWER', { ttlSeconds: 1 }) });
    expect(await first(expiring.client, '{ hello }')).toBeDefined();
    const closed = await expiring.closed;
    expect(closed).toMatchObject({ code: 4403, reason: 'Forbidden: token expired; reconnect with a new one' });
    await expiring.client.dispose();
  });

  it('caps sockets per identity (4429 on the one too many)', async () => {
    const token = await tokenFor('many', 'VIEWER');
    const open = [client(t.wsUrl, { token }), client(t.wsUrl, { token })];
    for (const { client: c } of open) await first(c, '{ hello }');
    const third = client(t.wsUrl, { token });
    expect(await third.closed).toMatchObject({ code: 4429, reason: 'Too many sockets: at most 2 per identity' });
    for (const { client: c } of [...open, third]) await c.dispose();
  });

  it('caps operations per socket with RATE_LIMITED, and closes a socket that floods messages (4429)', async () => {
    const { client: c } = client(t.wsUrl, { token: await tokenFor('subs', 'VIEWER') });
    const running = [1, 2].map(() => c.iterate({ query: 'subscription { ticks }' }));
    for (const iterator of running) await iterator.next();
    await expect(first(c, 'subscription { ticks }')).rejects.toMatchObject([
      { message: 'Too many operations on this socket: at most 2 at once', extensions: { code: 'RATE_LIMITED' } },
    ]);
    for (const iterator of running) await iterator.return?.();
    await c.dispose();

    const raw = new WebSocket(t.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    for (let i = 0; i < 50; i++) raw.send(JSON.stringify({ type: 'ping' }));
    expect(await closed).toBe(4429);
  });
});
