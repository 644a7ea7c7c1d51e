// A first embedding (or a new encoder) of most of the catalog drops the HNSW index, writes the vectors and builds
// the index once; a run stopped midway still leaves the index there; a small change updates it row by row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../../src/modules/recommendations/index.js';
import { embedRepositories } from '../../../src/modules/recommendations/embeddings/repository-embeddings.js';
import type { ProgressReporter } from '../../../src/modules/pipeline/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';

const ROWS = 300;

function reporter(stopAfter = Infinity): ProgressReporter {
  const controller = new AbortController();
  let seen = 0;
  return {
    signal: controller.signal,
    stage: async () => undefined,
    setTotal: () => undefined,
    advance: (count) => {
      seen += count;
      if (seen >= stopAfter) controller.abort(new Error('stopped by the test'));
    },
  };
}

describe('embedding most of the catalog rebuilds the vector index once', () => {
  let t: TestApp;
  const indexExists = async () =>
    (
      await t.app.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'repositories_embedding_hnsw_idx'",
      )
    )[0]!.n === 1;
  const options = () => ({
    sql: t.app.db.sql,
    cache: t.app.cache,
    embedder: new HashingEmbedder(),
    batchSize: 50,
    bulkMinRows: 100,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await t.app.db.prisma.user.create({ data: { login: 'owner' } });
    await t.app.db.prisma.repository.createMany({
      data: Array.from({ length: ROWS }, (_, i) => ({
        ownerId: owner.id,
        name: `repo-${i}`,
        fullName: `owner/repo-${i}`,
        description: `tool number ${i} for ${i % 2 ? 'parsing' : 'rendering'}`,
      })),
    });
  }, 120_000);
  afterAll(async () => t?.close());

  it('leaves the index in place when a bulk run is stopped midway', async () => {
    await expect(embedRepositories(options(), reporter(100))).rejects.toThrow(/stopped by the test/);
    expect(await indexExists()).toBe(true);
  });

  it('rebuilds once for a mostly stale catalog, row by row for a small change', async () => {
    const bulk = await embedRepositories(options(), reporter());
    expect(bulk).toMatchObject({ indexRebuilt: true, embedded: ROWS - 100, unchanged: 100 });
    expect(await indexExists()).toBe(true);
    await t.app.db.prisma.repository.update({ where: { fullName: 'owner/repo-7' }, data: { description: 'changed' } });
    const small = await embedRepositories(options(), reporter());
    expect(small).toMatchObject({ indexRebuilt: false, embedded: 1, unchanged: ROWS - 1 });
    expect(await indexExists()).toBe(true);
  });
});
