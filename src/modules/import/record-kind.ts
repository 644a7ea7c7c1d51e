// What the generic file loop needs to know about one kind of record: how to validate a line, how to recognise
// two lines about the same thing, and how to write a batch (inside the transaction it is given).
import type { z } from 'zod';
import type { SqlDriver } from '../../infra/db/index.js';

export const IMPORT_KINDS = ['topics', 'users', 'repositories', 'provenance', 'contributions'] as const;
/** Also the order of an import: each kind only refers to kinds before it. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A validated record and the line it came from. */
export interface NumberedRecord<R> {
  readonly line: number;
  readonly record: R;
}

export interface LineRejection {
  readonly line: number;
  readonly reason: string;
}

/** Rows the import created besides the file's own records. */
export interface DerivedCounts {
  /** Minimal users created for repository owners not (yet) in the users table. */
  owners: number;
  /** Non-featured topic rows created for topic names seen on repositories. */
  topics: number;
}

export interface BatchOutcome {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Lines the database side refused (an unknown user, a conflicting GitHub id): reported, not written. */
  readonly rejected: readonly LineRejection[];
  readonly derived?: Partial<DerivedCounts>;
}

export interface RecordKind<R> {
  readonly kind: ImportKind;
  readonly schema: z.ZodType<R, unknown>;
  /** Lines with the same key in one batch are one row: the last one wins. */
  key(record: R): string;
  /** Tables whose statistics the file changes (see file-import.ts). */
  readonly tables: readonly string[];
  /** Writes distinct-keyed records; runs inside one transaction per batch. */
  write(tx: SqlDriver, rows: readonly NumberedRecord<R>[]): Promise<BatchOutcome>;
}
