// PostgreSQL dropping every connection while a model trains (reading the catalog, fitting, registering): the reads
// and the registration are retried once it is back, the run's writes too, and the run ends SUCCEEDED with exactly
// one version, as a clean run does. Needs a real PostgreSQL (TEST_DATABASE_URL).
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/modules/import/index.js';
import { testDatabaseUrl } from '../../support/backends.js';
import { dropConnections } from '../../support/postgres-faults.js';
import { createTestApp } from '../../support/app.js';
import { TEST_ACTOR } from '../../support/app.js';

describe.runIf(testDatabaseUrl)('Training: PostgreSQL drops its connections during the run', () => {
  it.each([
    ['while it reads the catalog', 'load'],
    ['while it fits', 'train'],
    ['as it registers the version', 'register'],
  ])(
    '%s: SUCCEEDED with exactly one version',
    async (_when, stage) => {
      const t = await createTestApp();
      try {
        await t.app.modules.get('import').importer.importSample(t.app.config.SAMPLE_DIR, silentProgress());
        const { pipeline } = t.app.modules.get('pipeline');
        const run = await t.app.modules
          .get('training')
          .training.start({ model: 'repo-language', params: { epochs: 3 }, promote: true }, TEST_ACTOR);
        let dropped = 0;
        for await (const event of pipeline.watch(run.id)) {
          if (event.status === 'RUNNING' && event.stage === stage) {
            dropped = await dropConnections(t.database.url!);
            break;
          }
        }
        await pipeline.waitFor(run.id);
        const ended = await pipeline.get(run.id);
        expect(dropped).toBeGreaterThan(0);
        expect(ended, ended.error ?? '').toMatchObject({ status: 'SUCCEEDED' });
        const versions = await t.app.db.prisma.modelVersion.findMany({ where: { model: { name: 'repo-language' } } });
        expect(versions.map((v) => [v.version, v.pipelineRunId])).toEqual([[1, run.id]]);
      } finally {
        await t.close();
      }
    },
    240_000,
  );
});
