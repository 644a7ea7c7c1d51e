// What an ingestion did: per kind of record, how many were inserted, updated, unchanged (GitHub's 304, or a row
// that already held exactly these values) or rejected, with the first rejected records and why. JSON-safe: it
// becomes the pipeline run's result as it is.
import type { BatchOutcome } from '../import/index.js';
import type { IngestSource } from './ingest-request.js';

export const INGEST_KINDS = ['repositories', 'users', 'contributions'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];
export const MAX_REJECTIONS_KEPT = 100;

export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface IngestRejection {
  readonly kind: IngestKind;
  /** Which record: "octocat/Hello-World", "user octocat", "octocat/Hello-World contributors[3]". */
  readonly item: string;
  /** The request it came from: "GET /repos/octocat/Hello-World". */
  readonly request: string;
  /** Which field and why: "stargazers_count: expected a whole number from 0 to 2147483647, got -3". */
  readonly reason: string;
}

export interface IngestSummary {
  readonly source: IngestSource;
  /** Only repositories pushed since then were ingested (ISO 8601), or null for all. */
  readonly refreshSince: string | null;
  readonly authenticated: boolean;
  readonly counts: Record<IngestKind, IngestCounts>;
  readonly totals: IngestCounts;
  /** Repositories left alone because they were not pushed since `refreshSince`. */
  readonly skipped: number;
  /** The first MAX_REJECTIONS_KEPT rejected records. */
  readonly rejections: IngestRejection[];
  /** Requests sent (retries not counted), how many GitHub answered 304 (free) or 404. */
  readonly requests: { sent: number; notModified: number; notFound: number };
  /** Topic rows created for names seen on repositories. */
  readonly topicsCreated: number;
  /** GitHub's rate limit as the last response reported it. */
  readonly rateLimit: { limit: number; remaining: number; resetAt: string } | null;
  readonly warnings: string[];
  readonly durationMs: number;
}

const zero = (): IngestCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

/** Accumulates a run's counts as records are checked and batches are written. */
export class IngestTally {
  readonly counts: Record<IngestKind, IngestCounts> = { repositories: zero(), users: zero(), contributions: zero() };
  readonly rejections: IngestRejection[] = [];
  readonly requests = { sent: 0, notModified: 0, notFound: 0 };
  readonly warnings: string[] = [];
  skipped = 0;
  topicsCreated = 0;
  rateLimit: IngestSummary['rateLimit'] = null;

  reject(rejection: IngestRejection): void {
    this.counts[rejection.kind].rejected += 1;
    if (this.rejections.length < MAX_REJECTIONS_KEPT) this.rejections.push(rejection);
  }

  unchanged(kind: IngestKind, count = 1): void {
    this.counts[kind].unchanged += count;
  }

  written(kind: IngestKind, outcome: Pick<BatchOutcome, 'inserted' | 'updated' | 'unchanged'>): void {
    this.counts[kind].inserted += outcome.inserted;
    this.counts[kind].updated += outcome.updated;
    this.counts[kind].unchanged += outcome.unchanged;
  }

  summary(
    context: Pick<IngestSummary, 'source' | 'refreshSince' | 'authenticated'>,
    durationMs: number,
  ): IngestSummary {
    const totals = zero();
    for (const counts of Object.values(this.counts)) {
      for (const key of Object.keys(totals) as (keyof IngestCounts)[]) totals[key] += counts[key];
    }
    return {
      ...context,
      counts: this.counts,
      totals,
      skipped: this.skipped,
      rejections: this.rejections,
      requests: this.requests,
      topicsCreated: this.topicsCreated,
      rateLimit: this.rateLimit,
      warnings: this.warnings,
      durationMs: Math.round(durationMs),
    };
  }
}
