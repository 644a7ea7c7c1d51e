// PostgreSQL dropping every connection (pg_terminate_backend, what a restart or failover does to clients) at the
// start, in the middle and at the end of an import: the batches it dropped are written again once it is back, the
// run's own writes are retried, and each run ends SUCCEEDED with exactly the rows of a clean import. Needs a real
// PostgreSQL (TEST_DATABASE_URL); the process must survive each drop (an unhandled 'error' would fail the file).
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../support/backends.js';
import { dropConnections } from '../../support/postgres-faults.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { TEST_ACTOR } from '../../support/app.js';

const TABLES = ['users', 'repositories', 'topics', 'contributions'] as const;

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/** Imports the sample; when `dropAt` names a stage, drops every connection once that stage is running. */
async function importSample(
  dropAt?: string,
): Promise<{ status: string; error: string | null; counts: Record<string, number>; dropped: number }> {
  const t = await createTestApp();
  try {
    const { pipeline } = t.app.modules.get('pipeline');
    const run = await t.app.modules.get('import').runs.startSample(TEST_ACTOR);
    let dropped = 0;
    if (dropAt) {
      for await (const event of pipeline.watch(run.id)) {
        if (event.status === 'RUNNING' && event.stage === dropAt) {
          dropped = await dropConnections(t.database.url!);
          break;
        }
      }
    }
    await pipeline.waitFor(run.id);
    const ended = await pipeline.get(run.id);
    return { status: ended.status, error: ended.error, counts: await rowCounts(t), dropped };
  } finally {
    await t.close();
  }
}

describe.runIf(testDatabaseUrl)('Import: PostgreSQL drops its connections during the run', () => {
  let clean: Record<string, number>;

  it('a clean import of the sample, for comparison', async () => {
    const outcome = await importSample();
    expect(outcome.status).toBe('SUCCEEDED');
    clean = outcome.counts;
    expect(clean['contributions']).toBeGreaterThan(1_000);
  }, 180_000);

  it.each([
    ['at the start', 'topics'],
    ['in the middle', 'repositories'],
    ['at the end', 'contributions'],
  ])(
    '%s (while %s are written): SUCCEEDED with the same rows',
    async (_when, stage) => {
      const outcome = await importSample(stage);
      expect(outcome.dropped).toBeGreaterThan(0);
      expect(outcome, outcome.error ?? '').toMatchObject({ status: 'SUCCEEDED' });
      expect(outcome.counts).toEqual(clean);
    },
    180_000,
  );
});
