// The server's public face: the composition root starts it and lists its shutdown steps. The limits and the error
// formatter are exported too, for code that executes operations in-process and must behave like the server.
export { startServer } from './create-server.js';
export { installShutdown, type ShutdownHandle, type ShutdownOptions, type ShutdownStep } from './shutdown.js';
export type { ReadinessCheck, RequestInfo, RunningServer, ServerConfig, ServerDeps } from './types.js';
export {
  DEFAULT_QUERY_LIMITS,
  limitParseOptions,
  limitValidationRules,
  resolveQueryLimits,
  type QueryLimits,
} from './plugins/limits.js';
export { classifyError, formatGraphQLError, type ErrorClassification } from './plugins/error-formatting.js';
