// Imports GitHub catalog data (JSON Lines, plain or gzip) into the database: topics → users → repositories →
// provenance → contributions, each kind only referring to kinds before it. Batched, idempotent upserts: running
// the same import twice changes nothing the second time, and says so in its summary.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { badInput } from '../../errors.js';
import type { Database } from '../../infra/db/index.js';
import type { Logger } from '../../logger.js';
import type { ProgressReporter } from '../pipeline/index.js';
import { importFile, type FileImportOptions } from './file-import.js';
import { summarise, type FileSummary, type FileTally, type ImportSummary } from './import-summary.js';
import type { DerivedCounts, ImportKind, RecordKind } from './record-kind.js';
import { contributionsKind } from './writers/contributions.writer.js';
import { provenanceKind } from './writers/provenance.writer.js';
import { repositoriesKind } from './writers/repositories.writer.js';
import { topicsKind } from './writers/topics.writer.js';
import { usersKind } from './writers/users.writer.js';

/** Paths of the files to import; any subset. */
export interface ImportFiles {
  readonly topics?: string;
  readonly users?: string;
  readonly repos?: string;
  readonly provenance?: string;
  readonly contributions?: string;
}

export interface ImportServiceOptions {
  readonly db: Database;
  readonly logger: Logger;
  /** Records per transaction. Larger batches mean fewer round trips and a longer hold on their rows. */
  readonly batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 1_000;

/** The file names of a sample directory (data/sample/ ships them). */
export const SAMPLE_FILES = {
  topics: 'topics.jsonl.gz',
  users: 'users.jsonl.gz',
  repos: 'repos.jsonl.gz',
  contributions: 'contributions.jsonl.gz',
} as const satisfies ImportFiles;

interface Step {
  readonly file: keyof ImportFiles;
  readonly kind: ImportKind;
  run(db: Database, path: string, progress: ProgressReporter, options: FileImportOptions): Promise<FileTally>;
}

const step = <R>(file: keyof ImportFiles, kind: RecordKind<R>): Step => ({
  file,
  kind: kind.kind,
  run: (db, path, progress, options) => importFile(db, kind, path, progress, options),
});

/** In dependency order: a kind's rows may only refer to rows of kinds before it. */
const STEPS: readonly Step[] = [
  step('topics', topicsKind),
  step('users', usersKind),
  step('repos', repositoriesKind),
  step('provenance', provenanceKind),
  step('contributions', contributionsKind),
];

export class ImportService {
  private readonly db: Database;
  private readonly logger: Logger;
  private readonly batchSize: number;

  constructor(options: ImportServiceOptions) {
    this.db = options.db;
    this.logger = options.logger.child({ module: 'import' });
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a whole number ≥ 1, got ${this.batchSize}`);
    }
  }

  /** Imports the given files in dependency order; one progress stage per file. */
  async importFiles(files: ImportFiles, progress: ProgressReporter): Promise<ImportSummary> {
    const steps = STEPS.filter((step) => files[step.file] !== undefined);
    if (steps.length === 0) {
      throw badInput(
        'nothing to import: give at least one of the files repos, users, contributions, topics, provenance',
      );
    }
    // Every path is checked before anything is written, so a typo never leaves a partial import behind.
    for (const { file } of steps) await assertReadableFile(file, files[file] as string);

    await progress.plan?.(steps.map((step) => step.kind));
    const started = performance.now();
    const summaries: FileSummary[] = [];
    const derived: DerivedCounts[] = [];
    for (const step of steps) {
      const path = files[step.file] as string;
      const fileStarted = performance.now();
      const tally = await step.run(this.db, path, progress, { batchSize: this.batchSize });
      const summary = tally.finish(performance.now() - fileStarted);
      summaries.push(summary);
      derived.push(tally.derived);
      const { rejections: _rejections, ...counts } = summary;
      this.logger.info({ ...counts, derived: tally.derived }, `imported ${step.kind}`);
    }
    return summarise(summaries, derived, Math.round(performance.now() - started));
  }

  /** Imports a sample directory: topics, users, repos and contributions files named as in SAMPLE_FILES. */
  async importSample(dir: string, progress: ProgressReporter = silentProgress()): Promise<ImportSummary> {
    return this.importFiles(
      Object.fromEntries(Object.entries(SAMPLE_FILES).map(([kind, name]) => [kind, join(dir, name)])),
      progress,
    );
  }

  /** True when no repository has been imported yet (boot decides whether to import the sample). */
  async isCatalogEmpty(): Promise<boolean> {
    const [row] = await this.db.sql.query<{ empty: boolean }>(
      'SELECT NOT EXISTS (SELECT 1 FROM repositories) AS empty',
    );
    return row?.empty ?? true;
  }
}

async function assertReadableFile(kind: keyof ImportFiles, path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw badInput(`${kind} file not found: "${path}"`, { file: path, kind });
  if (!info.isFile()) throw badInput(`${kind} file is not a regular file: "${path}"`, { file: path, kind });
}

/** A reporter that only carries a signal that never fires (imports run outside a pipeline run). */
export function silentProgress(signal: AbortSignal = new AbortController().signal): ProgressReporter {
  return { stage: async () => undefined, advance: () => undefined, setTotal: () => undefined, signal };
}
