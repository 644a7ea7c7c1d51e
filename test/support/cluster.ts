// API processes of the services deployment (one database, one Redis) as composed apps in this test process, each
// with its own caches: what one changes, the others hear only through Redis, as separate processes would.
import { TEST_ACTOR } from './app.js';
import { randomUUID } from 'node:crypto';
import { execute, parse, type ExecutionResult } from 'graphql';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { compose, type App } from '../../src/compose.js';
import { openTestDatabase, testRedisUrl, type TestDatabase } from './backends.js';

/** One API process over `database` and TEST_REDIS_URL; `env` adds to or overrides its configuration. */
export async function composeApiProcess(
  database: TestDatabase,
  env: Record<string, string> = {},
  role: 'api' | 'worker' = 'api',
): Promise<App> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SAMPLE_IMPORT: 'off',
    REDIS_URL: testRedisUrl!,
    PIPELINE_EXECUTION: 'inline',
    PREDICTION_LOG_SAMPLE_RATE: '0',
    ...env,
  });
  return compose(config, createLogger(config.LOG_LEVEL), { db: database.db, migrate: false, role });
}

export interface TwoApiProcesses {
  database: TestDatabase;
  a: App;
  b: App;
  /** Closes both processes, then the database. */
  close(): Promise<void>;
}

/** Two API processes, configured alike, over a test database of their own. */
export async function twoApiProcesses(env: Record<string, string> = {}): Promise<TwoApiProcesses> {
  const database = await openTestDatabase();
  const apps: App[] = [];
  const close = async () => {
    await Promise.allSettled(apps.map((app) => app.close()));
    await database.close();
  };
  try {
    apps.push(await composeApiProcess(database, env));
    apps.push(await composeApiProcess(database, env));
  } catch (error) {
    await close();
    throw error;
  }
  const [a, b] = apps as [App, App];
  return { database, a, b, close };
}

/** Executes `document` on `app` as a request to that process would; fails the test on any error. */
export async function executeOn(app: App, document: string): Promise<ExecutionResult> {
  const result = await execute({
    schema: app.schema,
    document: parse(document),
    contextValue: app.createContext({ requestId: randomUUID(), logger: app.logger, viewer: TEST_ACTOR }),
  });
  expect(result.errors).toBeUndefined();
  return result;
}
