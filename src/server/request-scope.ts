// The request being served, reachable from code that Apollo calls without our arguments (formatError, plugins).
// AsyncLocalStorage follows the request through every await, so concurrent requests never see each other's scope.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logger.js';

export interface RequestScope {
  readonly requestId: string;
  readonly logger: Logger;
  /** Whether a line at `level` would be written (asked without making the request's child logger). */
  logs(level: 'debug' | 'info' | 'warn'): boolean;
  /** Filled in once a GraphQL operation is resolved; shows up in the access log. */
  operationName?: string;
  operationType?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
