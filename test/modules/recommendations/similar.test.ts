// EMBED runs and Repository.similar on the composed application: only changed rows are re-embedded, similar
// repositories come through the HNSW index best first, and a filter matching under 1% of the catalog still fills
// the page thanks to pgvector's iterative index scan (without it, the scan stops at ef_search candidates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { similarRequest, similarStatement } from '../../../src/modules/recommendations/similar/similar.query.js';
import { hybridStatement, searchRequest } from '../../../src/modules/recommendations/search/hybrid-search.query.js';
import { HashingEmbedder } from '../../../src/modules/recommendations/embeddings/hashing-embedder.js';
import { toVectorLiteral } from '../../../src/modules/recommendations/embeddings/text-embedder.js';
import { createTestApp, TEST_ACTOR, type TestApp } from '../../support/app.js';

const THEMES = [
  {
    words: 'React components hooks css design system for web dashboards',
    topics: ['react', 'ui'],
    language: 'TypeScript',
  },
  { words: 'PostgreSQL database storage engine sql query planner index', topics: ['database', 'sql'], language: 'Go' },
  {
    words: 'neural network training tensors gradient deep learning models',
    topics: ['machine-learning'],
    language: 'Python',
  },
  { words: 'command line tool terminal shell prompt git helper', topics: ['cli'], language: 'Rust' },
];
const CATALOG = 1_200;
const ZIG = 6; // 0.5% of the catalog

async function seed(t: TestApp): Promise<void> {
  const owner = await t.app.db.prisma.user.create({ data: { login: 'owner' } });
  const rows = Array.from({ length: CATALOG }, (_, i) => {
    const zig = i >= CATALOG - ZIG;
    const theme = THEMES[i % THEMES.length]!;
    return {
      ownerId: owner.id,
      name: `repo-${i}`,
      fullName: `owner/repo-${i}`,
      description: zig
        ? `general purpose memory allocator and comptime compiler toolchain ${i}`
        : `${theme.words} variant ${i}`,
      topics: zig ? ['zig', 'allocator'] : theme.topics,
      language: zig ? 'Zig' : theme.language,
      stars: i,
    };
  });
  await t.app.db.prisma.repository.createMany({ data: rows });
}

async function embed(t: TestApp): Promise<Record<string, unknown>> {
  const { pipeline } = t.app.modules.get('pipeline');
  const run = await pipeline.submit('EMBED', {}, TEST_ACTOR);
  await pipeline.waitFor(run.id);
  const done = await pipeline.get(run.id);
  expect(done.status).toBe('SUCCEEDED');
  return done.result as Record<string, unknown>;
}

const SIMILAR = `query ($name: String!, $first: Int!, $filter: SimilarRepositoriesFilter) {
  repository(fullName: $name) { similar(first: $first, filter: $filter) { edges { similarity node { fullName language } } } }
}`;
type Similar = {
  repository: { similar: { edges: Array<{ similarity: number; node: { fullName: string; language: string } }> } };
};

describe('embeddings and similar repositories', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('embeds every repository once, and a re-run re-embeds only what changed', async () => {
    expect(await embed(t)).toMatchObject({ encoder: 'hashing-v1', read: CATALOG, embedded: CATALOG, unchanged: 0 });
    expect(await embed(t)).toMatchObject({ embedded: 0, unchanged: CATALOG });
    await t.app.db.prisma.repository.update({
      where: { fullName: 'owner/repo-1' },
      data: { description: 'now about something else' },
    });
    expect(await embed(t)).toMatchObject({ embedded: 1, unchanged: CATALOG - 1 });
  });

  it('answers similar repositories best first, from the same theme', async () => {
    const result = await t.run<Similar>(SIMILAR, { name: 'owner/repo-0', first: 5 });
    expect(result.errors).toBeUndefined();
    const edges = result.data!.repository.similar.edges;
    expect(edges).toHaveLength(5);
    expect(edges.every((edge) => edge.node.language === 'TypeScript')).toBe(true);
    const similarities = edges.map((edge) => edge.similarity);
    expect([...similarities].sort((a, b) => b - a)).toEqual(similarities);
  });

  it('fills the page from a filter matching under 1% of the catalog (iterative index scan)', async () => {
    const result = await t.run<Similar>(SIMILAR, { name: 'owner/repo-0', first: 4, filter: { language: 'zig' } });
    expect(result.errors).toBeUndefined();
    const edges = result.data!.repository.similar.edges;
    expect(edges).toHaveLength(4);
    expect(edges.every((edge) => edge.node.language === 'Zig')).toBe(true);
  });

  it('on the vector index path, the iterative scan is what fills that page (off: it stops at ef_search)', async () => {
    // With a btree on the filtered column the planner may read the few matching rows and sort them exactly (it
    // does here, and that is right for so selective a filter). Without one, only HNSW is left: the indexes on
    // language are dropped inside a transaction that is rolled back, and sequential scans are off.
    const { text, params } = similarStatement([1], similarRequest(4, { language: 'zig' }));
    class Rollback extends Error {
      constructor(readonly result: { plan: string; rows: number }) {
        super('rollback');
      }
    }
    const run = (iterative: string) =>
      t.app.db.sql
        .transaction(async (tx) => {
          await tx.query('DROP INDEX repositories_language_idx');
          await tx.query('DROP INDEX IF EXISTS repositories_language_lower_idx');
          await tx.query('SET LOCAL enable_seqscan = off');
          await tx.query('SET LOCAL hnsw.ef_search = 40');
          await tx.query(`SET LOCAL hnsw.iterative_scan = ${iterative}`);
          const plan = await tx.query(`EXPLAIN ${text}`, params);
          const rows = await tx.query(text, params);
          throw new Rollback({ plan: plan.map((row) => Object.values(row)[0]).join('\n'), rows: rows.length });
        })
        .catch((error: unknown) => {
          if (error instanceof Rollback) return error.result;
          throw error;
        });
    const off = await run('off');
    const iterative = await run('relaxed_order');
    expect(iterative.plan).toMatch(/repositories_embedding_hnsw_idx/);
    expect(off.rows).toBeLessThan(4);
    expect(iterative.rows).toBe(4);
  });

  it('searches by keywords and by meaning, fused, saying which found each', async () => {
    type Search = {
      searchRepositories: { nodes: Array<{ score: number; matchedBy: string[]; repository: { language: string } }> };
    };
    const query = `query ($q: String!, $filter: SimilarRepositoriesFilter) {
      searchRepositories(query: $q, first: 5, filter: $filter) { nodes { score matchedBy repository { fullName language } } }
    }`;
    const result = await t.run<Search>(query, { q: 'comptime allocator' });
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.searchRepositories.nodes;
    expect(nodes).toHaveLength(5);
    expect(nodes.every((node) => node.repository.language === 'Zig')).toBe(true);
    expect(nodes[0]!.matchedBy).toEqual(['KEYWORD', 'SEMANTIC']);
    const scores = nodes.map((node) => node.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // A word no repository has: only the embedding of the query (its character trigrams) can find anything.
    const meaningOnly = await t.run<Search>(query, { q: 'allocatorz', filter: { minStars: 1 } });
    expect(meaningOnly.data!.searchRepositories.nodes.every((node) => node.matchedBy.join() === 'SEMANTIC')).toBe(true);
    for (const bad of ['', '   ', 'x'.repeat(10_000)]) {
      const refused = await t.run(query, { q: bad });
      expect(refused.errors?.[0]?.message).toMatch(/^query: /);
    }
  });

  it('gives keyword matches their exact place in the vector list, even where the index does not reach them', async () => {
    // ef_search 1 without the iterative scan: the index yields one neighbour at most, so whatever it finds, the
    // six Zig repositories reach the vector list only as keyword matches ranked by exact distance.
    const request = searchRequest('comptime allocator', 5, null);
    const [vector] = await new HashingEmbedder().embed([{ text: request.text }]);
    const { text, params } = hybridStatement(request, toVectorLiteral(vector!));
    const rows = await t.app.db.sql.transaction(async (tx) => {
      await tx.query("SELECT set_config('hnsw.ef_search', '1', true), set_config('hnsw.iterative_scan', 'off', true)");
      return tx.query<{ id: number; keyword_rank: string | null; semantic_rank: string | null }>(text, params);
    });
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.keyword_rank).not.toBeNull();
      expect(row.semantic_rank).not.toBeNull();
    }
  });

  it('refuses a page size out of range with BAD_USER_INPUT', async () => {
    const result = await t.run(SIMILAR, { name: 'owner/repo-0', first: 500 });
    expect(result.errors?.[0]?.message).toMatch(/first: 1 to 50/);
  });
});
