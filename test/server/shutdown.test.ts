import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createReadinessHandler } from '../../src/server/plugins/readiness.js';
import { installShutdown } from '../../src/server/index.js';
import {
  captureLogger,
  gate,
  sleep,
  startTestServer,
  testServerConfig,
  withoutCost,
  wsClient,
  type LogLine,
} from './test-server.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function post(url: string, body: unknown, agent: http.Agent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const countResources = (kind: string): number =>
  process.getActiveResourcesInfo().filter((name) => name === kind).length;

describe('Server: graceful close()', () => {
  it('lets an in-flight request finish before resolving, then leaves no server socket open', async () => {
    const serversBefore = countResources('TCPServerWrap');
    const t = await startTestServer();
    const agent = new http.Agent({ keepAlive: true });
    try {
      // A kept-alive socket with nothing in flight: the drain must close it rather than wait for its timeout.
      await post(t.server.url, { query: '{ hello }' }, new http.Agent({ keepAlive: true }));
      gate.reset();
      const inFlight = post(t.server.url, { query: 'query Slow { held }' }, agent);
      while (t.contexts.length < 2) await sleep(5); // the held request has reached its resolver
      let closed = false;
      const closing = t.server.close().then(() => (closed = true));
      // However long this takes, close() cannot have finished: the request it must wait for is still held.
      await Promise.race([closing, sleep(100)]);
      expect(closed).toBe(false);
      gate.open();

      const response = await inFlight;
      await closing;
      // Server side: the slow response was sent completely before the server reported itself stopped.
      const messages = t.logs.map((line) =>
        line.operationName === 'Slow' ? `${line.msg} Slow ${String(line['status'])}` : line.msg,
      );
      expect(messages.indexOf('request completed Slow 200')).toBeGreaterThan(-1);
      expect(messages.indexOf('request completed Slow 200')).toBeLessThan(messages.indexOf('server stopped'));
      expect(response.status).toBe(200);
      expect(withoutCost(JSON.parse(response.body))).toEqual({ data: { held: 'released' } });
      expect(response.headers['connection']).toBe('close');

      expect(t.server.httpServer.listening).toBe(false);
      const open = await new Promise<number>((resolve, reject) =>
        t.server.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
      expect(open).toBe(0);
      expect(countResources('TCPServerWrap')).toBe(serversBefore);
      await expect(fetch(`${t.base}/health`)).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('lets a large response to a slow reader arrive whole when the server stops meanwhile (never cut mid-body)', async () => {
    const t = await startTestServer({
      config: testServerConfig({ MAX_RESPONSE_BYTES: 64 * 1024 * 1024, SHUTDOWN_TIMEOUT_MS: 5_000 }),
    });
    const size = 32 * 1024 * 1024;
    const received = await new Promise<{ length: number; declared: number }>((resolve, reject) => {
      const req = http.request(
        t.server.url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.pause();
          let length = 0;
          void t.server.close();
          void sleep(1_500).then(() => res.resume());
          res.on('data', (chunk: Buffer) => (length += chunk.length));
          res.on('end', () => resolve({ length, declared: Number(res.headers['content-length']) }));
          res.on('error', reject);
          res.on('aborted', () => resolve({ length, declared: Number(res.headers['content-length']) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: `{ big(bytes: ${size}) }` }));
    });
    expect(received.length).toBe(received.declared);
  });

  it('closes open WebSockets with 1001 Going Away and ends their subscriptions', async () => {
    const t = await startTestServer();
    const client = wsClient(t.wsUrl);
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    const iterator = client.iterate({ query: 'subscription { ticks }' });
    expect(withoutCost((await iterator.next()).value)).toEqual({ data: { ticks: 0 } });

    await t.server.close();
    expect(await closed).toBe(1001);
    const open = await new Promise<number>((resolve) =>
      t.server.httpServer.getConnections((_, count) => resolve(count)),
    );
    expect(open).toBe(0);
    await client.dispose();
  });

  it('cuts requests still running after SHUTDOWN_TIMEOUT_MS, and says so in the log', async () => {
    const t = await startTestServer({
      config: testServerConfig({ SHUTDOWN_TIMEOUT_MS: 200 }),
    });
    const agent = new http.Agent();
    gate.reset(); // never opened: only the shutdown timeout can end this request
    const stuck = post(t.server.url, { query: '{ held }' }, agent).catch((error: Error) => error);
    while (t.contexts.length < 1) await sleep(5);
    await t.server.close(); // would never resolve if it waited for the held request

    expect(await stuck).toBeInstanceOf(Error);
    expect(t.logs.some((line: LogLine) => String(line.msg).startsWith('shutdown took over 200 ms'))).toBe(true);
    agent.destroy();
  });

  it('is idempotent: a second close() waits for the same shutdown', async () => {
    const t = await startTestServer();
    const first = t.server.close();
    expect(t.server.close()).toBe(first);
    await first;
  });

  it('makes /ready answer 503 "shutting down" while draining', async () => {
    const handler = createReadinessHandler({ checks: [], isShuttingDown: () => true, logger: captureLogger([]) });
    const server = http.createServer((_, res) => void handler(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', reason: 'shutting down', checks: {} });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('Server: installShutdown', () => {
  // SIGUSR2 stands in for SIGTERM: emitting SIGTERM would also reach the test runner's own handlers.
  const signal = 'SIGUSR2' as const;

  it('runs the steps in order on a signal, logs each, then exits 0', async () => {
    const logs: LogLine[] = [];
    const order: string[] = [];
    const exited = new Promise<number>((resolve) => {
      const handle = installShutdown({
        signals: [signal],
        logger: captureLogger(logs),
        timeoutMs: 1_000,
        exit: (code) => {
          handle.uninstall();
          resolve(code);
        },
        steps: [
          { name: 'server', close: async () => void order.push('server') },
          { name: 'database', close: async () => void order.push('database') },
        ],
      });
    });
    process.emit(signal, signal);
    expect(await exited).toBe(0);
    expect(order).toEqual(['server', 'database']);
    expect(logs.filter((line) => line.msg === 'closed').map((line) => line['step'])).toEqual(['server', 'database']);
  });

  it('keeps closing after a failed step, and exits 1', async () => {
    const order: string[] = [];
    const codes: number[] = [];
    const logs: LogLine[] = [];
    const handle = installShutdown({
      signals: [],
      logger: captureLogger(logs),
      timeoutMs: 1_000,
      exit: (code) => void codes.push(code),
      steps: [
        {
          name: 'server',
          close: async () => {
            throw new Error('stuck');
          },
        },
        { name: 'database', close: async () => void order.push('database') },
      ],
    });
    await handle.shutdown('fatal error');
    expect(order).toEqual(['database']);
    expect(codes).toEqual([1]);
    expect(logs.find((line) => line.msg === 'closing failed')).toMatchObject({ step: 'server' });
  });

  it('forces exit 1 on a second signal, or when the steps overrun the timeout', async () => {
    const logs: LogLine[] = [];
    const codes: number[] = [];
    const handle = installShutdown({
      signals: [signal],
      logger: captureLogger(logs),
      timeoutMs: 100,
      exit: (code) => void codes.push(code),
      steps: [{ name: 'server', close: () => sleep(300) }],
    });
    try {
      process.emit(signal, signal);
      process.emit(signal, signal);
      expect(codes).toEqual([1]);
      expect(logs.some((line) => line.msg === 'second signal during shutdown: forcing exit')).toBe(true);
      // The forced exit comes once timeoutMs has passed, however late the machine runs it.
      await expect.poll(() => codes).toEqual([1, 1]);
      expect(logs.some((line) => line.msg === 'shutdown timed out: forcing exit' && line['step'] === 'server')).toBe(
        true,
      );
      await sleep(200);
    } finally {
      handle.uninstall();
    }
  });
});
