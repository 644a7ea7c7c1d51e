// The composed application behind a real HTTP server on a free port, as main.ts serves it.
import { startServer, type RunningServer } from '../../src/server/index.js';
import { createTestApp, type TestApp } from './app.js';

export interface AppServer {
  t: TestApp;
  server: RunningServer;
  url: string;
  post(body: Record<string, unknown>, headers?: Record<string, string>): Promise<PostedResponse>;
  close(): Promise<void>;
}

export interface PostedResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
}

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const t = await createTestApp(env);
  let server: RunningServer;
  try {
    server = await startServer({
      schema: t.app.schema,
      logger: t.app.logger,
      config: { ...t.app.config, PORT: 0, HOST: '127.0.0.1' },
      createContext: t.app.createContext,
      readiness: t.app.readiness,
      access: t.app.access,
    });
  } catch (error) {
    await t.close();
    throw error;
  }
  return {
    t,
    server,
    url: server.url,
    async post(body, headers = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as never };
    },
    async close() {
      await server.close();
      await t.close();
    },
  };
}
