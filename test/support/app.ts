// The whole application, composed as main.ts does, over the test backends, plus in-process GraphQL execution
// (no HTTP) and a counter of the SQL statements sent.
import { systemActor, type Actor } from '../../src/access/index.js';
import { TEST_JWT_SECRET } from './access.js';
import { randomUUID } from 'node:crypto';
import { execute, parse, subscribe, type DocumentNode, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { compose, type App } from '../../src/compose.js';
import { openTestDatabase, testRedisUrl, type TestDatabase } from './backends.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  /** Statements sent since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** Executes as `as` (default: the system actor "test", which the policy always allows). */
  run<TResult = Record<string, unknown>, TVariables = Record<string, unknown>>(
    document: string | DocumentNode | TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    as?: Actor,
  ): Promise<ExecutionResult<TResult>>;
  subscribe(
    document: string,
    variables?: Record<string, unknown>,
    as?: Actor,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  close(): Promise<void>;
}

/** Who in-process test operations run as unless they say otherwise: allowed everything, like a CLI. */
export const TEST_ACTOR: Actor = systemActor('test');

let appsCreated = 0;

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const queries: string[] = [];
  const database = await openTestDatabase({ onQuery: (sql) => queries.push(sql) });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SAMPLE_IMPORT: 'off',
    ...(testRedisUrl ? { REDIS_URL: testRedisUrl } : {}),
    // Runs execute in the test's own process even with Redis; a test that wants the queue asks for it.
    PIPELINE_EXECUTION: 'inline',
    // Tokens from test/support/access.ts verify; no secret file is written; no test is rate limited by accident.
    JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT: 'off',
    // Retention would delete the old events a test writes; its own test runs it by hand.
    EVENT_RETENTION_INTERVAL_MS: '0',
    // Its own Redis namespace: test files run in parallel against one Redis, whose pub/sub ignores the database
    // number, so without it one test's registry and pipeline events reach another test's app (and its SQL count).
    // Random too: Redis outlives a test run, and a later run reusing the pid must not read this one's cache.
    QUEUE_PREFIX: `test-${process.pid}-${++appsCreated}-${randomUUID().slice(0, 8)}`,
    ...env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const app = await compose(config, logger, { db: database.db, migrate: false });
  const context = (viewer: Actor = TEST_ACTOR) => app.createContext({ requestId: randomUUID(), logger, viewer });
  const toDocument = (document: string | DocumentNode) => (typeof document === 'string' ? parse(document) : document);
  return {
    app,
    database,
    queries,
    resetQueries: () => void queries.splice(0, queries.length),
    run: (document, variables, as) =>
      Promise.resolve(
        execute({
          schema: app.schema,
          document: toDocument(document),
          variableValues: variables as Record<string, unknown> | undefined,
          contextValue: context(as),
        }),
      ) as never,
    subscribe: (document, variables, as) =>
      subscribe({
        schema: app.schema,
        document: toDocument(document),
        variableValues: variables,
        contextValue: context(as),
      }) as never,
    async close() {
      await app.close().catch(() => undefined);
      await database.close();
    },
  };
}
