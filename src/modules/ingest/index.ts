// The ingest module: repositories and user profiles from GitHub's API into the catalog as GITHUB_INGEST pipeline
// runs (mutation, CLI), through the import module's validation and upserts.
import { createGithubApi } from '../../infra/github/index.js';
import { defineModule } from '../module.js';
import { IngestResolver } from './ingest.resolver.js';
import { IngestService } from './ingest.service.js';

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

declare module '../module.js' {
  interface ModuleServices {
    ingest: { ingest: IngestService };
  }
}

export const ingestModule = defineModule({
  name: 'ingest',
  resolvers: [IngestResolver],
  create: ({ db, config, logger }, modules) => ({
    ingest: new IngestService({
      db,
      pipeline: modules.get('pipeline').pipeline,
      github: createGithubApi(config, db.sql, logger),
      logger,
    }),
  }),
  resolverInstances: ({ ingest }) => [new IngestResolver(ingest)],
  handlers: ({ ingest }) => ({ GITHUB_INGEST: (params, run) => ingest.runFromParams(params, run) }),
});
