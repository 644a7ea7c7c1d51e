// Imports one file: stream its lines, validate each, gather valid records into batches and write each batch in
// its own transaction. A batch either lands whole or not at all; a batch the database dropped is retried (lib/retry),
// any other failure stops the import (what earlier batches wrote stays, and re-running the import picks up where it
// stopped, since writes are idempotent).
import type { Database } from '../../infra/db/index.js';
import { retryTransient } from '../../lib/retry.js';
import type { ProgressReporter } from '../pipeline/index.js';
import { lastWins } from './dedupe.js';
import { describeIssues } from './fields.js';
import { FileTally } from './import-summary.js';
import { countRecords, readJsonl } from './jsonl-reader.js';
import type { NumberedRecord, RecordKind } from './record-kind.js';
import { throwIfStopped } from './stop.js';

export interface FileImportOptions {
  readonly batchSize: number;
}

export async function importFile<R>(
  db: Database,
  kind: RecordKind<R>,
  file: string,
  progress: ProgressReporter,
  options: FileImportOptions,
): Promise<FileTally> {
  const tally = new FileTally(file, kind.kind);
  throwIfStopped(progress.signal, `before ${kind.kind} (${file})`);
  await progress.stage(kind.kind, await countRecords(file));

  let batch: NumberedRecord<R>[] = [];
  let linesInBatch = 0;
  const flush = async (): Promise<void> => {
    if (batch.length > 0) {
      const first = batch[0]?.line ?? 0;
      const last = batch[batch.length - 1]?.line ?? 0;
      throwIfStopped(progress.signal, `at line ${first} of ${file}`);
      const { rows, superseded } = lastWins(batch, (record) => kind.key(record));
      try {
        // Upserts are idempotent and a batch is one transaction: a batch the database dropped (a restart, a
        // failover) is written again once it is back, instead of failing the whole import.
        const written = await retryTransient(() => db.sql.transaction((tx) => kind.write(tx, rows)), {
          signal: progress.signal,
        });
        tally.batchWritten(written, superseded);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${kind.kind}: the batch of lines ${first}–${last} of ${file} was not written: ${reason}`, {
          cause: error,
        });
      }
    }
    progress.advance(linesInBatch);
    batch = [];
    linesInBatch = 0;
  };

  for await (const entry of readJsonl(file)) {
    tally.lineRead();
    linesInBatch += 1;
    if ('error' in entry) {
      tally.reject(entry.line, entry.error);
    } else {
      const parsed = kind.schema.safeParse(entry.value);
      if (parsed.success) batch.push({ line: entry.line, record: parsed.data });
      else tally.reject(entry.line, describeIssues(parsed.error));
    }
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  // A bulk load outruns autovacuum: without fresh statistics the next stages (and the API's first queries) are
  // planned for the tables as they were before, often empty. ANALYZE samples rows, so it is cheap.
  await retryTransient(() => db.sql.exec(`ANALYZE ${kind.tables.join(', ')}`), { signal: progress.signal });
  return tally;
}
