// The server's public face: the composition root starts it, lists its shutdown steps, and nothing else is needed.
export { startServer } from './create-server.js';
export { installShutdown, type ShutdownHandle, type ShutdownOptions, type ShutdownStep } from './shutdown.js';
export type { ReadinessCheck, RequestInfo, RunningServer, ServerConfig, ServerDeps } from './types.js';
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from './plugins/limits.js';
export { classifyError, formatGraphQLError, type ErrorClassification } from './plugins/error-formatting.js';
