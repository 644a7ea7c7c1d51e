// A RECOMMEND run's scoring batches, as the processes sharing a run use them: every batch is claimed by exactly
// one claimant however many ask at once (FOR UPDATE SKIP LOCKED on PostgreSQL), and a claim whose holder went
// silent is taken over, the old holder's late completion refused so its transaction rolls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoringBatches } from '../../../src/modules/recommendations/lists/scoring-batches.js';
import { createTestApp, TEST_ACTOR, type TestApp } from '../../support/app.js';

const HOUR_MS = 3_600_000;

describe('scoring batches shared by the processes of a run', () => {
  let t: TestApp;
  let batches: ScoringBatches;
  const newRun = async () => (await t.app.modules.get('pipeline').pipeline.create('RECOMMEND', {}, TEST_ACTOR)).id;
  beforeAll(async () => {
    t = await createTestApp();
    batches = new ScoringBatches(t.app.db.sql);
  });
  afterAll(async () => t?.close());

  it('splits users into batches and gives each batch to exactly one of the claimants asking at once', async () => {
    const runId = await newRun();
    const users = Array.from({ length: 115 }, (_, i) => 1000 + i * 3);
    expect(await batches.plan(runId, users, 10)).toBe(12);
    const claimedBy = new Map<number, string>();
    const claimant = async (worker: string) => {
      for (;;) {
        const batch = await batches.claim(runId, worker, HOUR_MS);
        if (!batch) return;
        expect(claimedBy.has(batch.batch), `batch ${batch.batch} claimed twice`).toBe(false);
        claimedBy.set(batch.batch, worker);
        const done = await t.app.db.sql.transaction((tx) =>
          batches.complete(tx, runId, batch.batch, worker, { scored: 10, copied: 0 }),
        );
        expect(done).toBe(true);
      }
    };
    await Promise.all(['a', 'b', 'c'].map(claimant));
    expect([...claimedBy.keys()].sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    expect(await batches.progress(runId)).toEqual({ total: 12, done: 12, scored: 120, copied: 0 });
  });

  it('covers every user once: consecutive ranges, the last one short', async () => {
    const runId = await newRun();
    await batches.plan(runId, [1, 2, 3, 4, 5, 6, 7], 3);
    const ranges = [];
    for (let batch = await batches.claim(runId, 'w', HOUR_MS); batch; batch = await batches.claim(runId, 'w', HOUR_MS))
      ranges.push([batch.firstUserId, batch.lastUserId]);
    expect(ranges).toEqual([
      [1, 3],
      [4, 6],
      [7, 7],
    ]);
  });

  it('takes over a silent claim and refuses the old holder’s late completion', async () => {
    const runId = await newRun();
    await batches.plan(runId, [1, 2, 3], 10);
    expect(await batches.claim(runId, 'lost', HOUR_MS)).toMatchObject({ batch: 0 });
    expect(await batches.claim(runId, 'other', HOUR_MS)).toBeNull(); // held, and not stale
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await batches.claim(runId, 'other', 1)).toMatchObject({ batch: 0 }); // silent for longer than 1 ms
    const late = await t.app.db.sql.transaction((tx) =>
      batches.complete(tx, runId, 0, 'lost', { scored: 3, copied: 0 }),
    );
    expect(late).toBe(false);
    const done = await t.app.db.sql.transaction((tx) =>
      batches.complete(tx, runId, 0, 'other', { scored: 3, copied: 0 }),
    );
    expect(done).toBe(true);
    expect(await batches.progress(runId)).toMatchObject({ done: 1, scored: 3 });
  });
});
