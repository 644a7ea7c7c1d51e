// The ingest module's public face: GitHub ingestion as a service (mutation, CLI) and its resolver.
export { IngestService, DEFAULT_INGEST_BATCH_SIZE, type IngestServiceOptions } from './ingest.service.js';
export { IngestResolver } from './ingest.resolver.js';
export {
  parseIngestRequest,
  requestParams,
  PROFILE_SCOPES,
  MAX_REPOSITORIES,
  type IngestRequest,
  type IngestSource,
  type ProfileScope,
} from './ingest-request.js';
export {
  INGEST_KINDS,
  type IngestCounts,
  type IngestKind,
  type IngestRejection,
  type IngestSummary,
} from './ingest-summary.js';
