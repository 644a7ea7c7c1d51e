// What an import did, file by file: the counts people check after a run, and the first rejected lines of each file
// (enough to see what is wrong without carrying a million reasons around). JSON-safe: it becomes the pipeline
// run's result as it is.
import type { BatchOutcome, DerivedCounts, ImportKind } from './record-kind.js';

export const MAX_REJECTIONS_KEPT = 100;

export interface Rejection {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface ImportCounts {
  /** Non-blank lines read. Every one ends up in exactly one of the counts below. */
  read: number;
  inserted: number;
  updated: number;
  /** Lines whose row already held exactly these values. */
  unchanged: number;
  /** Lines superseded by a later line with the same key in the same batch (the later line wins). */
  duplicates: number;
  /** Lines skipped: bad JSON, invalid values, or references to rows that do not exist. */
  rejected: number;
}

export interface FileSummary extends ImportCounts {
  readonly file: string;
  readonly kind: ImportKind;
  /** The first MAX_REJECTIONS_KEPT rejected lines found (sorted by line). */
  readonly rejections: Rejection[];
  durationMs: number;
}

export interface ImportSummary {
  readonly files: FileSummary[];
  readonly totals: ImportCounts;
  readonly derived: DerivedCounts;
  readonly durationMs: number;
}

export const emptyCounts = (): ImportCounts => ({
  read: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  duplicates: 0,
  rejected: 0,
});

/** Accumulates one file's counts batch by batch. */
export class FileTally {
  readonly summary: FileSummary;
  readonly derived: DerivedCounts = { owners: 0, topics: 0 };

  constructor(file: string, kind: ImportKind) {
    this.summary = { file, kind, ...emptyCounts(), rejections: [], durationMs: 0 };
  }

  lineRead(): void {
    this.summary.read += 1;
  }

  reject(line: number, reason: string): void {
    this.summary.rejected += 1;
    if (this.summary.rejections.length < MAX_REJECTIONS_KEPT) {
      this.summary.rejections.push({ file: this.summary.file, line, reason });
    }
  }

  batchWritten(outcome: BatchOutcome, duplicates: number): void {
    this.summary.inserted += outcome.inserted;
    this.summary.updated += outcome.updated;
    this.summary.unchanged += outcome.unchanged;
    this.summary.duplicates += duplicates;
    for (const { line, reason } of outcome.rejected) this.reject(line, reason);
    this.derived.owners += outcome.derived?.owners ?? 0;
    this.derived.topics += outcome.derived?.topics ?? 0;
  }

  /** The final summary. Database-side rejections arrive per batch, after the lines that failed validation. */
  finish(durationMs: number): FileSummary {
    this.summary.rejections.sort((a, b) => a.line - b.line);
    this.summary.durationMs = Math.round(durationMs);
    return this.summary;
  }
}

export function summarise(files: FileSummary[], derived: DerivedCounts[], durationMs: number): ImportSummary {
  const totals = emptyCounts();
  for (const file of files) {
    for (const key of Object.keys(totals) as (keyof ImportCounts)[]) totals[key] += file[key];
  }
  return {
    files,
    totals,
    derived: {
      owners: derived.reduce((sum, d) => sum + d.owners, 0),
      topics: derived.reduce((sum, d) => sum + d.topics, 0),
    },
    durationMs,
  };
}
