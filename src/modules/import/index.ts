// The import module's public face: ImportService and the types of what it takes and returns.
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
