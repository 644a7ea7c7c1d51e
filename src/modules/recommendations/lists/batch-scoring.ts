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
 */
export async function scoreBatches(
  setup: ScoringSetup,
  progress: ProgressReporter,
  untilAllDone: boolean,
): Promise<number> {
  let completed = 0;
  for (;;) {
    progress.signal.throwIfAborted();
    const batch = await setup.batches.claim(setup.runId, setup.worker, setup.staleAfterMs);
    if (batch) {
      const counts = await scoreBatch(setup, batch).catch((error: unknown) => {
        if (error instanceof BatchTakenOver) return null; // another process holds it now and will finish it
        throw error;
      });
      if (counts) {
        progress.advance(counts.scored + counts.copied);
        completed += 1;
      }
      continue;
    }
    if (!untilAllDone) return completed;
    const state = await setup.batches.progress(setup.runId);
    if (state.done === state.total) return completed;
    await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
  }
}

export async function scoreBatch(
  setup: ScoringSetup,
  batch: ScoringBatch,
): Promise<{ scored: number; copied: number }> {
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
  await sql.transaction(async (tx) => {
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
