// The whole application as a client sees it: composed like `npm start`, served over HTTP and graphql-ws on one
// port, driven with the typed documents that codegen generates from the modules' examples.graphql.
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PipelineRunUpdatedDocument,
  RepositoriesPageDocument,
  RepositoryDocument,
  type PipelineRunUpdatedSubscription,
  type RepositoryQuery,
} from '../../src/generated/graphql/graphql.js';
import type { RunningServer } from '../../src/server/index.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { seedCatalog } from '../support/catalog.js';
import { TEST_ACTOR, type TestApp } from '../support/app.js';

describe('API: typed documents over HTTP and subscriptions over graphql-ws', () => {
  let s: AppServer;
  let t: TestApp;
  let server: RunningServer;
  let ws: Client;

  beforeAll(async () => {
    s = await startAppServer();
    ({ t, server } = s);
    await seedCatalog(t.app.db.prisma, { owners: 4, repositories: 10 });
    ws = createClient({ url: server.url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  });
  afterAll(async () => {
    await ws?.dispose();
    await s?.close();
  });

  const post = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: T; errors?: Array<{ extensions: { code: string } }> },
    };
  };

  it('runs the generated Repository document and returns the typed shape', async () => {
    const { status, body } = await post<RepositoryQuery>(print(RepositoryDocument), { fullName: 'owner-1/repo-1' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.repository).toMatchObject({
      fullName: 'owner-1/repo-1',
      stars: 10,
      owner: { login: 'owner-1', type: 'USER' },
    });
  });

  it('answers an unknown repository with NOT_FOUND in extensions.code', async () => {
    const { body } = await post<RepositoryQuery>(print(RepositoryDocument), { fullName: 'nobody/nothing' });
    expect(body.data?.repository).toBeNull();
    expect(body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('answers a malformed cursor with BAD_USER_INPUT', async () => {
    const { body } = await post(print(RepositoriesPageDocument), { first: 2, after: 'not-a-cursor' });
    expect(body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('streams a pipeline run from its current state to its end over graphql-ws', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // This test app's IMPORT runs do this instead of importing: a gated run whose every step is known.
    t.app.modules.get('pipeline').pipeline.registerHandler('IMPORT', async (_params, progress) => {
      await progress.stage('first', 3);
      await gate;
      progress.advance(3);
      await progress.stage('second', 2);
      progress.advance(2);
      return { done: true };
    });
    const run = await t.app.modules.get('pipeline').pipeline.submit('IMPORT', { test: true }, TEST_ACTOR);

    const events: PipelineRunUpdatedSubscription['pipelineRunUpdated'][] = [];
    const finished = new Promise<void>((resolve, reject) => {
      ws.subscribe<PipelineRunUpdatedSubscription>(
        { query: print(PipelineRunUpdatedDocument), variables: { id: run.id } },
        {
          next: (message) => {
            if (message.errors) reject(new Error(JSON.stringify(message.errors)));
            else if (message.data) events.push(message.data.pipelineRunUpdated);
            if (events.length === 1) release(); // the first event is the current state: let the run go on
          },
          error: reject,
          complete: resolve,
        },
      );
    });
    await finished;

    expect(events[0]?.id).toBe(run.id);
    const last = events.at(-1)!;
    expect(last.status).toBe('SUCCEEDED');
    expect(last.progress).toBe(1);
    expect(last.stages.map((s) => [s.name, s.status, s.processed, s.total])).toEqual([
      ['first', 'SUCCEEDED', 3, 3],
      ['second', 'SUCCEEDED', 2, 2],
    ]);
    const statuses = events.map((e) => e.status);
    expect(statuses.indexOf('SUCCEEDED')).toBe(statuses.length - 1); // completes right after the end
  });

  it('refuses a subscription to a malformed run id with BAD_USER_INPUT', async () => {
    const error = await new Promise<unknown>((resolve) => {
      ws.subscribe(
        { query: print(PipelineRunUpdatedDocument), variables: { id: 'nope' } },
        { next: (message) => resolve(message.errors), error: resolve, complete: () => resolve('completed') },
      );
    });
    expect(JSON.stringify(error)).toContain('BAD_USER_INPUT');
  });
});
