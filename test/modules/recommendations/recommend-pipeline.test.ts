// RECOMMEND runs end to end on the composed application: the first run learns and registers a ranker, scores
// every user with a contribution and publishes; readers page, filter and re-weight the stored lists with reasons;
// a re-run on an unchanged catalog copies every list, a small change re-scores only the users it touches; a run
// stopped before it publishes leaves the published set exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../../src/access/index.js';
import type { RunHandle } from '../../../src/modules/pipeline/index.js';
import { RANKER_MODEL } from '../../../src/modules/recommendations/index.js';
import { createTestApp, TEST_ACTOR, type TestApp } from '../../support/app.js';
import { recommend, seedCommunities as seed, USERS } from '../../support/recommendation-catalog.js';
import { errorCode as codeOf } from '../../support/catalog.js';

const RECOMMENDATIONS = `query ($login: String!, $first: Int, $after: String, $filter: RecommendationFilter,
                                  $weights: SignalWeightsInput) {
  user(login: $login) {
    recommendations(first: $first, after: $after, filter: $filter, weights: $weights) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { rank score reasons repository { databaseId fullName language topics }
                            components { semantic collaborative owner techStack topics popularity freshness } } }
    }
  }
}`;
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{
    cursor: string;
    node: {
      rank: number;
      score: number;
      reasons: string[];
      repository: { databaseId: number; fullName: string; language: string; topics: string[] };
      components: Record<string, number>;
    };
  }>;
}

async function page(t: TestApp, variables: Record<string, unknown>): Promise<Page> {
  const result = await t.run<{ user: { recommendations: Page } }>(RECOMMENDATIONS, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.user.recommendations;
}

async function ownRepositoryIds(t: TestApp, login: string): Promise<Set<number>> {
  const rows = await t.app.db.prisma.contribution.findMany({
    where: { user: { login } },
    select: { repositoryId: true },
  });
  return new Set(rows.map((row) => row.repositoryId));
}

describe('RECOMMEND runs and User.recommendations', () => {
  let t: TestApp;
  let first: Record<string, unknown>;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t);
    first = await recommend(t);
  }, 180_000);
  afterAll(async () => t?.close());

  it('learns and registers a ranker, scores every user with a contribution and publishes them', async () => {
    expect(first).toMatchObject({ rankerLearned: true, full: true, copied: 0, scored: USERS, published: USERS });
    expect(first.ranker).toBe(`${RANKER_MODEL}@1`);
    const champion = await t.run<{ model: { aliases: Array<{ alias: string; version: number }> } }>(
      `{ model(name: "${RANKER_MODEL}") { aliases { alias version } } }`,
    );
    expect(champion.data?.model.aliases).toEqual([{ alias: 'champion', version: 1 }]);
    const info = await t.run<{ serverInfo: { recommendations: { runId: string; ranker: string; users: number } } }>(
      '{ serverInfo { recommendations { runId ranker users encoder } } }',
    );
    expect(info.data?.serverInfo.recommendations).toMatchObject({ runId: first.runId, users: USERS });
  });

  it('answers a ranked list that excludes what the user contributes to, with reasons', async () => {
    const own = await ownRepositoryIds(t, 'dev-0');
    const result = await page(t, { login: 'dev-0', first: 10 });
    expect(result.edges).toHaveLength(10);
    expect(result.totalCount).toBeGreaterThanOrEqual(10);
    expect(result.edges.map((edge) => edge.node.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const scores = result.edges.map((edge) => edge.node.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const { node } of result.edges) {
      expect(own.has(node.repository.databaseId)).toBe(false);
      expect(node.reasons.length).toBeGreaterThan(0);
      for (const value of Object.values(node.components)) expect(value).toBeGreaterThanOrEqual(0);
    }
    // Reasons name the facts behind the strongest components: the shared contributors' repository, the owner.
    const reasons = result.edges.flatMap((edge) => edge.node.reasons);
    expect(reasons.some((reason) => /^\d+ contributors? of [\w-]+\/[\w-]+ also contributes? here$/.test(reason))).toBe(
      true,
    );
    for (const { node } of result.edges)
      if (node.repository.fullName.startsWith('reactish/') && node.components.owner! > 0.9)
        expect(node.reasons).toContain('also by reactish');
  });

  it('pages with cursors and refuses a cursor of another list', async () => {
    const whole = await page(t, { login: 'dev-1', first: 8 });
    const head = await page(t, { login: 'dev-1', first: 3 });
    expect(head.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const tail = await page(t, { login: 'dev-1', first: 5, after: head.pageInfo.endCursor });
    expect(tail.pageInfo.hasPreviousPage).toBe(true);
    expect([...head.edges, ...tail.edges].map((edge) => edge.node.repository.fullName)).toEqual(
      whole.edges.map((edge) => edge.node.repository.fullName),
    );
    const foreign = await t.run(RECOMMENDATIONS, { login: 'dev-2', after: head.pageInfo.endCursor });
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
    const reweighted = await t.run(RECOMMENDATIONS, {
      login: 'dev-1',
      after: head.pageInfo.endCursor,
      weights: { popularity: 1 },
    });
    expect(codeOf(reweighted)).toBe('BAD_USER_INPUT');
  });

  it('filters and re-weights the stored list', async () => {
    const rust = await page(t, { login: 'dev-0', first: 50, filter: { language: 'rust' } });
    expect(rust.edges.length).toBeGreaterThan(0);
    expect(rust.edges.every((edge) => edge.node.repository.language === 'Rust')).toBe(true);
    expect(rust.totalCount).toBe(rust.edges.length);
    const byStars = await page(t, { login: 'dev-0', first: 50, weights: { popularity: 1 } });
    const popularity = byStars.edges.map((edge) => edge.node.components.popularity!);
    expect([...popularity].sort((a, b) => b - a)).toEqual(popularity);
    expect(byStars.edges[0]!.node.reasons[0]).toMatch(/^popular: \d/);
  });

  it('refuses bad arguments with what to fix', async () => {
    for (const variables of [
      { login: 'dev-0', first: 0 },
      { login: 'dev-0', first: 51 },
      { login: 'dev-0', weights: { semantic: 0 } },
      { login: 'dev-0', weights: { owner: -1 } },
      { login: 'dev-0', after: 'not-a-cursor' },
    ]) {
      const result = await t.run(RECOMMENDATIONS, variables);
      expect(codeOf(result), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('copies every unchanged list on a re-run, and re-scores only the users a change touches', async () => {
    const again = await recommend(t);
    expect(again).toMatchObject({ rankerLearned: false, full: false, scored: 0, copied: USERS, published: USERS });
    expect((await page(t, { login: 'dev-3', first: 5 })).edges).toHaveLength(5);

    // dev-5 starts contributing to one more repository: dev-5 and the users of that repository change.
    const target = await t.app.db.prisma.repository.findUniqueOrThrow({
      where: { fullName: 'shellcraft/shellcraft-11' },
    });
    const dev5 = await t.app.db.prisma.user.findUniqueOrThrow({ where: { login: 'dev-5' } });
    await t.app.db.prisma.contribution.create({ data: { userId: dev5.id, repositoryId: target.id } });
    const touched = await t.app.db.prisma.contribution.count({ where: { repositoryId: target.id } });
    const changed = await recommend(t);
    expect(changed.scored).toBeGreaterThanOrEqual(1);
    expect(changed.scored).toBeLessThanOrEqual(touched);
    expect(changed.copied).toBe(USERS - (changed.scored as number));
    const dev5List = await page(t, { login: 'dev-5', first: 50 });
    expect(dev5List.edges.some((edge) => edge.node.repository.databaseId === target.id)).toBe(false);
  });

  it('a run stopped before publishing leaves the published lists as they were and keeps none of its own', async () => {
    const before = await t.run('{ serverInfo { recommendations { runId } } }');
    const listBefore = await page(t, { login: 'dev-7', first: 10 });
    const { pipeline } = t.app.modules.get('pipeline');
    const run = await pipeline.create('RECOMMEND', { full: true }, TEST_ACTOR);
    // The run's own handle, except that it is cancelled the moment it reaches the publish stage.
    const ended = await pipeline.execute(run.id, (handle) => {
      const controller = new AbortController();
      const stopping: RunHandle = {
        runId: handle.runId,
        log: handle.log,
        signal: controller.signal,
        plan: (stages) => handle.plan?.(stages) ?? Promise.resolve(),
        stage: async (name, total) => {
          if (name === 'publish') controller.abort(new Error('cancelled by the test'));
          await handle.stage(name, total);
        },
        advance: (count) => handle.advance(count),
        setTotal: (total) => handle.setTotal(total),
      };
      return t.app.modules
        .get('recommendations')
        .runs.run({ full: true }, stopping)
        .then((summary) => ({ ...summary }));
    });
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toMatch(/cancelled by the test/);
    expect(await t.run('{ serverInfo { recommendations { runId } } }')).toEqual(before);
    expect(await page(t, { login: 'dev-7', first: 10 })).toEqual(listBefore);
    const [left] = await t.app.db.sql.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM recommendation_lists WHERE run_id = $1',
      [run.id],
    );
    expect(left!.count).toBe(0);
  });

  it('refuses a second run while one is queued, recording nothing', async () => {
    const { pipeline } = t.app.modules.get('pipeline');
    const queued = await pipeline.create('RECOMMEND', {}, TEST_ACTOR);
    const runsBefore = await t.app.db.prisma.pipelineRun.count();
    const refused = await t.run('mutation { runRecommendations { id } }');
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain(queued.id);
    expect(await t.app.db.prisma.pipelineRun.count()).toBe(runsBefore);
    await pipeline.cancel(queued.id, { by: 'test', actor: TEST_ACTOR });
  });

  it('lets admins start runs and refuses members, writing nothing', async () => {
    const runsBefore = await t.app.db.prisma.pipelineRun.count();
    const refused = await t.run('mutation { runRecommendations { id } }', {}, userActor('someone', 'MEMBER'));
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await t.app.db.prisma.pipelineRun.count()).toBe(runsBefore);
  });

  it('serves a repeated page from the answer cache until the next publish, and counts it in /metrics', async () => {
    t.resetQueries();
    const first = await page(t, { login: 'dev-11', first: 5 });
    const uncached = t.queries.length;
    t.resetQueries();
    expect(await page(t, { login: 'dev-11', first: 5 })).toEqual(first);
    const cached = t.queries.length;
    // A hit skips the list, the profile and the owners: only the user and the page's repositories are read.
    expect(cached).toBeLessThan(uncached);
    const metrics = (await Promise.all(t.app.metrics.map((collect) => collect()))).join('\n');
    expect(metrics).toMatch(/ost_cache_requests_total\{area="recommendations",result="hit"\} [1-9]/);
    expect(metrics).toMatch(/ost_cache_hit_ratio\{area="recommendations"\} 0\.\d+/);

    await recommend(t, true); // a new published run: cached answers of the old one are out of reach
    t.resetQueries();
    const after = await page(t, { login: 'dev-11', first: 5 });
    expect(t.queries.length).toBe(uncached);
    expect(after.edges.map((edge) => edge.node.repository.fullName)).toEqual(
      first.edges.map((edge) => edge.node.repository.fullName),
    );
    const stale = await t.run(RECOMMENDATIONS, { login: 'dev-11', after: first.pageInfo.endCursor });
    expect(codeOf(stale)).toBe('BAD_USER_INPUT');
  });

  it('recommends for a profile: liked repositories, topics, languages and text, with reasons', async () => {
    const result = await t.run<{
      recommendationsForProfile: {
        nodes: Array<{ rank: number; reasons: string[]; repository: { fullName: string } }>;
      };
    }>(
      `{ recommendationsForProfile(likedRepositories: ["reactish/reactish-0"], topics: ["react"], languages: ["TypeScript"],
           text: "components hooks", first: 10) { nodes { rank reasons repository { fullName } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.recommendationsForProfile.nodes;
    expect(nodes.map((node) => node.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(nodes.map((node) => node.repository.fullName)).not.toContain('reactish/reactish-0');
    expect(nodes[0]!.repository.fullName.startsWith('reactish/')).toBe(true);
    expect(nodes.flatMap((node) => node.reasons)).toContain('also by reactish');
    const empty = await t.run<{ recommendationsForProfile: { nodes: unknown[] } }>(
      '{ recommendationsForProfile(first: 3) { nodes { reasons } } }',
    );
    expect(empty.data?.recommendationsForProfile.nodes).toHaveLength(3); // nothing given: popular and fresh
  });

  it('refuses a profile it cannot use, naming what to fix', async () => {
    for (const [args, argument] of [
      ['likedRepositories: ["nobody/nothing"]', 'likedRepositories'],
      [`topics: [${Array.from({ length: 21 }, (_, i) => `"t${i}"`).join(', ')}]`, 'topics'],
      [`text: "${'x'.repeat(10_000)}"`, 'text'],
      ['first: 0', 'first'],
    ] as const) {
      const result = await t.run(`{ recommendationsForProfile(${args}) { nodes { rank } } }`);
      expect(codeOf(result), args.slice(0, 40)).toBe('BAD_USER_INPUT');
      expect(
        result.errors![0]!.extensions?.argument ??
          (result.errors![0]!.originalError as { details?: { argument?: string } })?.details?.argument,
      ).toBe(argument);
    }
  });

  it('gives a user with no contributions their profile’s recommendations, and says so', async () => {
    const result = await page(t, { login: 'tensorlab', first: 3 });
    expect(result.edges).toHaveLength(3);
    for (const { node } of result.edges)
      expect(node.reasons[0]).toBe('no contributions yet: suggested from your profile and what is popular');
  });

  it('tells a subscriber when their list was scored again, and not when it was copied', async () => {
    const updates = await t.app.modules.get('recommendations').updates('dev-9');
    const iterator = updates[Symbol.asyncIterator]();
    const next = iterator.next();
    const unchanged = await recommend(t); // nothing changed: dev-9's list is copied, no event
    const full = await recommend(t, true);
    const event = await next;
    expect(unchanged.scored).toBe(0);
    expect(event.value).toMatchObject({ login: 'dev-9', runId: full.runId });
    await iterator.return?.();
  });
});
