// Scoring batches until none is left: what the RECOMMEND run's own process does, and what its helper runs on
// other workers do. Each batch: its users' fingerprints against the published run's (unchanged: the list is
// copied), the rest scored, and all of it written with the batch's DONE mark in one transaction.
import type { SqlDriver } from '../../../infra/db/database.js';
import type { ProgressReporter } from '../../pipeline/index.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';
import { parseVector } from './catalog-snapshot.js';
import { userFingerprint, type ScoringVersions } from './fingerprint.js';
import type { ListScorer, ScoredItem } from './list-scorer.js';
import { COMPONENT_SCALE, type ListStore, type StoredList } from './list-store.js';
import type { ScoringBatch, ScoringBatches } from './scoring-batches.js';

export interface ScoringSetup {
  sql: SqlDriver;
  store: ListStore;
  batches: ScoringBatches;
  snapshot: CatalogSnapshot;
  scorer: ListScorer;
  versions: ScoringVersions;
  runId: string;
  /** The published run to copy unchanged lists from; null (or `full`) scores everyone. */
  previousRunId: string | null;
  full: boolean;
  worker: string;
  staleAfterMs: number;
}

export class BatchTakenOver extends Error {}

/** How long a process with nothing left to claim waits before looking again (for batches others still hold). */
const IDLE_POLL_MS = 250;

/**
 * Claims and scores batches until none is left to claim; with `untilAllDone`, then waits for the batches other
 * processes hold (taking over any whose holder goes silent). Advances `progress` by users per batch; resolves how
 * many batches this process completed.
 *
 * Pipelined: a batch's transaction (PostgreSQL parsing and writing ~50k array values) runs while the next batch
 * is scored, so the database's core and this process's work at once; at most one write is in flight.
 */
export async function scoreBatches(
  setup: ScoringSetup,
  progress: ProgressReporter,
  untilAllDone: boolean,
): Promise<number> {
  let completed = 0;
  let writing: Promise<BatchCounts | null> | null = null;
  const settle = async () => {
    if (!writing) return;
    const counts = await writing;
    writing = null;
    if (counts) {
      progress.advance(counts.scored + counts.copied);
      completed += 1;
    }
  };
  try {
    for (;;) {
      progress.signal.throwIfAborted();
      const batch = await setup.batches.claim(setup.runId, setup.worker, setup.staleAfterMs);
      if (batch) {
        const scored = await scoreLists(setup, batch);
        await settle();
        writing = writeBatch(setup, batch, scored).catch((error: unknown) => {
          if (error instanceof BatchTakenOver) return null; // another process holds it now and will finish it
          throw error;
        });
        // Awaited by the next settle(); until then a failure must not count as unhandled.
        writing.catch(() => undefined);
        continue;
      }
      await settle();
      if (!untilAllDone) return completed;
      const state = await setup.batches.progress(setup.runId);
      if (state.done === state.total) return completed;
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  } finally {
    // Stopping (an abort, a failure): the write in flight finishes or fails on its own; never leave it behind.
    await (writing as Promise<unknown> | null)?.catch(() => undefined);
  }
}

interface BatchCounts {
  scored: number;
  copied: number;
}

interface ScoredBatch {
  lists: StoredList[];
  copied: number[];
}

/** The batch's users: unchanged ones (same fingerprint as in the published run) to copy, the others scored. */
async function scoreLists(setup: ScoringSetup, batch: ScoringBatch): Promise<ScoredBatch> {
  const { snapshot, sql, store } = setup;
  const userIds = snapshot.userIds.filter((id) => id >= batch.firstUserId && id <= batch.lastUserId);
  const previous =
    setup.previousRunId && !setup.full
      ? await store.fingerprints(setup.previousRunId, batch.firstUserId, batch.lastUserId)
      : new Map<number, string>();
  const vectors = new Map(
    (
      await sql.query<{ id: number; embedding: string }>(
        'SELECT id, embedding::text AS embedding FROM users WHERE id BETWEEN $1 AND $2 AND embedding IS NOT NULL',
        [batch.firstUserId, batch.lastUserId],
      )
    ).map((row) => [row.id, parseVector(row.embedding)]),
  );
  const lists: StoredList[] = [];
  const copied: number[] = [];
  for (const userId of userIds) {
    const user = snapshot.userIndex.get(userId)!;
    const fingerprint = userFingerprint(snapshot, user, setup.versions);
    if (previous.get(userId) === fingerprint) {
      copied.push(userId);
      continue;
    }
    const items = setup.scorer.score(snapshot.data.userRepos[user]!, user, vectors.get(userId) ?? null);
    lists.push(toStoredList(snapshot, userId, fingerprint, items));
  }
  return { lists, copied };
}

/** The lists, the copies and the batch's DONE mark in one transaction; BatchTakenOver if another process has it. */
async function writeBatch(
  setup: ScoringSetup,
  batch: ScoringBatch,
  { lists, copied }: ScoredBatch,
): Promise<BatchCounts> {
  await setup.sql.transaction(async (tx) => {
    await setup.store.write(
      tx,
      setup.runId,
      lists,
      setup.previousRunId ? { from: setup.previousRunId, userIds: copied } : undefined,
    );
    const counts = { scored: lists.length, copied: copied.length };
    if (!(await setup.batches.complete(tx, setup.runId, batch.batch, setup.worker, counts)))
      throw new BatchTakenOver(`batch ${batch.batch} was taken over`);
  });
  return { scored: lists.length, copied: copied.length };
}

function toStoredList(snapshot: CatalogSnapshot, userId: number, fingerprint: string, items: ScoredItem[]): StoredList {
  return {
    userId,
    fingerprint,
    repositoryIds: items.map((item) => snapshot.repoIds[item.repo]!),
    scores: items.map((item) => item.score),
    components: items.flatMap((item) => Array.from(item.components, (value) => Math.round(value * COMPONENT_SCALE))),
    viaRepositoryIds: items.map((item) => (item.via >= 0 ? snapshot.repoIds[item.via]! : 0)),
    sharedContributors: items.map((item) => item.shared),
  };
}
