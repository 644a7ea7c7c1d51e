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
