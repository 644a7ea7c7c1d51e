// A run's scoring, split into ranges of user ids that every process executing the run claims one at a time
// (FOR UPDATE SKIP LOCKED: two processes never take the same batch). A batch's lists and its DONE mark are
// written in one transaction by the claimant, so a batch is either complete or not there at all; a claim silent
// for longer than `staleAfterMs` (its process died) is taken over by the next claimant, and the old claimant's
// late commit is refused (it no longer holds the claim).
import type { SqlDriver } from '../../../infra/db/database.js';

export interface ScoringBatch {
  batch: number;
  firstUserId: number;
  lastUserId: number;
}

export interface BatchProgress {
  total: number;
  done: number;
  scored: number;
  copied: number;
}

export class ScoringBatches {
  constructor(private readonly sql: SqlDriver) {}

  /** Splits `userIds` (ascending) into batches of `size` users for `runId`; returns how many. */
  async plan(runId: string, userIds: readonly number[], size: number): Promise<number> {
    const firsts: number[] = [];
    const lasts: number[] = [];
    for (let start = 0; start < userIds.length; start += size) {
      firsts.push(userIds[start]!);
      lasts.push(userIds[Math.min(start + size, userIds.length) - 1]!);
    }
    await this.sql.query(
      `INSERT INTO recommendation_batches (run_id, batch, first_user_id, last_user_id)
       SELECT $1, ordinality::int - 1, f, l FROM unnest($2::int[], $3::int[]) WITH ORDINALITY AS b(f, l, ordinality)`,
      [runId, firsts, lasts],
    );
    return firsts.length;
  }

  /** The next batch nobody holds (or whose holder went silent), now held by `worker`; null when none is left. */
  async claim(runId: string, worker: string, staleAfterMs: number): Promise<ScoringBatch | null> {
    const [row] = await this.sql.query<{ batch: number; first_user_id: number; last_user_id: number }>(
      `UPDATE recommendation_batches b SET status = 'CLAIMED', claimed_by = $2, claimed_at = CURRENT_TIMESTAMP
        WHERE (b.run_id, b.batch) = (
              SELECT run_id, batch FROM recommendation_batches
               WHERE run_id = $1 AND (status = 'PENDING' OR (status = 'CLAIMED'
                     AND claimed_at < CURRENT_TIMESTAMP - make_interval(secs => $3::double precision / 1000)))
               ORDER BY batch LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING b.batch, b.first_user_id, b.last_user_id`,
      [runId, worker, staleAfterMs],
    );
    return row ? { batch: row.batch, firstUserId: row.first_user_id, lastUserId: row.last_user_id } : null;
  }

  /**
   * Marks the batch DONE in `tx` (the transaction that wrote its lists), only while `worker` still holds it;
   * false when another process took it over meanwhile (the caller's transaction must then roll back).
   */
  async complete(
    tx: SqlDriver,
    runId: string,
    batch: number,
    worker: string,
    counts: { scored: number; copied: number },
  ): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE recommendation_batches SET status = 'DONE', scored = $4, copied = $5
        WHERE run_id = $1 AND batch = $2 AND status = 'CLAIMED' AND claimed_by = $3 RETURNING batch`,
      [runId, batch, worker, counts.scored, counts.copied],
    );
    return rows.length === 1;
  }

  async progress(runId: string): Promise<BatchProgress> {
    const [row] = await this.sql.query<BatchProgress>(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'DONE'))::int AS done,
              COALESCE(sum(scored), 0)::int AS scored, COALESCE(sum(copied), 0)::int AS copied
         FROM recommendation_batches WHERE run_id = $1`,
      [runId],
    );
    return row ?? { total: 0, done: 0, scored: 0, copied: 0 };
  }
}
