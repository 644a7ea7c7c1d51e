// The import module: JSONL files (the shipped sample, a full data set) into the catalog as IMPORT pipeline runs,
// validated record by record, written in idempotent batches. Its public face: ImportService, the types of what it
// takes and returns, and what GitHub ingestion reuses.
import { defineModule } from '../module.js';
import { ImportResolver } from './import.resolver.js';
import { ImportService } from './import.service.js';
import { ImportRuns } from './import-runs.js';

export {
  ImportService,
  SAMPLE_FILES,
  DEFAULT_BATCH_SIZE,
  silentProgress,
  type ImportFiles,
  type ImportServiceOptions,
} from './import.service.js';
export {
  MAX_REJECTIONS_KEPT,
  type FileSummary,
  type ImportCounts,
  type ImportSummary,
  type Rejection,
} from './import-summary.js';
export { IMPORT_KINDS, type DerivedCounts, type ImportKind } from './record-kind.js';
export { readJsonl, countRecords, type JsonlEntry } from './jsonl-reader.js';
// What GitHub ingestion reuses, so there is one validation and one upsert path per kind of record.
export { repositoryRecord, type RepositoryRecord } from './records/repository.record.js';
export { userProfileRecord, userRecord, type UserRecord } from './records/user.record.js';
export { contributionRecord, type ContributionRecord } from './records/contribution.record.js';
export { repositoriesKind } from './writers/repositories.writer.js';
export { usersKind } from './writers/users.writer.js';
export { contributionsKind } from './writers/contributions.writer.js';
export { lastWins } from './dedupe.js';
export { expected, show } from './fields.js';
export { fullName, login, nameKey } from './github-names.js';
export type { BatchOutcome, NumberedRecord, RecordKind } from './record-kind.js';
export { ImportRuns } from './import-runs.js';

export interface ImportServices {
  importer: ImportService;
  /** Imports as pipeline runs: the shipped sample (SAMPLE_DIR), files in IMPORT_DIR. */
  runs: ImportRuns;
}

declare module '../module.js' {
  interface ModuleServices {
    import: ImportServices;
  }
}

export const importModule = defineModule({
  name: 'import',
  resolvers: [ImportResolver],
  create: ({ db, logger, config }, modules): ImportServices => {
    const importer = new ImportService({ db, logger });
    const runs = new ImportRuns({
      pipeline: modules.get('pipeline').pipeline,
      importer,
      sampleDir: config.SAMPLE_DIR,
      importDir: config.IMPORT_DIR,
      dataDir: config.database.kind === 'pglite' ? config.database.dataDir : null,
    });
    return { importer, runs };
  },
  resolverInstances: ({ runs }) => [new ImportResolver(runs)],
  handlers: ({ runs }) => ({ IMPORT: async (params, run) => ({ ...(await runs.run(params, run)) }) }),
});
