// The three sources (an owner's repositories, a search, full names), how much each takes, and refreshes: only
// repositories pushed since an instant, given or taken from the last successful run of the same source.
import { describe, expect, it } from 'vitest';
import { backendName } from '../../support/backends.js';
import { IngestHarness } from './ingest.harness.js';

const harness = IngestHarness.install();
const day = (n: number) => new Date(Date.UTC(2024, 0, n)).toISOString().replace('.000Z', 'Z');

describe(`Ingest: an owner's repositories, on ${backendName}`, () => {
  it('lists every page (most recently pushed first) and ingests each repository', async () => {
    // 105 repositories: two pages of GitHub's largest size (100).
    for (let i = 1; i <= 105; i++) harness.github.addRepository(`octocat/repo-${i}`, { pushedAt: day(1 + (i % 28)) });
    const { run, summary } = await harness.ingest({
      owner: 'octocat',
      maxRepositories: 1000,
      includeContributors: false,
      profiles: 'NONE',
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(summary?.counts.repositories).toEqual({ inserted: 105, updated: 0, unchanged: 0, rejected: 0 });
    expect(harness.github.requestsTo(/^\/users\/octocat\/repos/).map((r) => r.query.get('page'))).toEqual(['1', '2']);
    // The owner's profile says how many to expect; languages come per repository (list items carry the rest).
    expect(harness.github.requestsTo(/\/languages$/)).toHaveLength(105);
    expect(harness.github.requestsTo(/^\/repos\/[^/]+\/[^/]+$/)).toEqual([]);
  });

  it('takes at most maxRepositories, listing no further than that', async () => {
    for (let i = 1; i <= 8; i++) harness.github.addRepository(`octocat/repo-${i}`);
    const { run, summary } = await harness.ingest({ owner: 'octocat', maxRepositories: 3 });
    expect(summary?.counts.repositories.inserted).toBe(3);
    expect(run.stages.at(-1)).toMatchObject({ name: 'repositories', processed: 3, total: 3 });
    expect(harness.github.requestsTo(/^\/users\/octocat\/repos/).map((r) => r.query.get('per_page'))).toEqual(['3']);
  });

  it('with refreshSince, stops at the first repository pushed before it', async () => {
    harness.github.addRepository('octocat/fresh', { pushedAt: day(20) });
    harness.github.addRepository('octocat/recent', { pushedAt: day(10) });
    harness.github.addRepository('octocat/stale', { pushedAt: day(2) });
    const { summary } = await harness.ingest({ owner: 'octocat', refreshSince: day(5) });
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['octocat/fresh', 'octocat/recent']);
    expect(summary?.refreshSince).toBe(new Date(day(5)).toISOString());
  });

  it('incremental: the second run takes only what was pushed since the first one started', async () => {
    const old = harness.github.addRepository('octocat/old', { pushedAt: day(1) });
    harness.github.addRepository('octocat/older', { pushedAt: day(1) });
    const first = await harness.ingest({ owner: 'octocat', incremental: true });
    expect(first.summary?.refreshSince).toBeNull(); // no earlier run: everything
    expect(first.summary?.counts.repositories.inserted).toBe(2);

    old.body.pushed_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    old.body.stargazers_count = 1234;
    const second = await harness.ingest({ owner: 'octocat', incremental: true });

    // Since the first run's start, less a minute for clock differences, in GitHub's whole seconds.
    const since = Math.floor((first.run.startedAt!.getTime() - 60_000) / 1000) * 1000;
    expect(second.summary?.refreshSince).toBe(new Date(since).toISOString());
    expect(second.summary?.counts.repositories).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(harness.github.requestsTo(/\/languages$/).map((r) => r.path)).toEqual([
      '/repos/octocat/old/languages',
      '/repos/octocat/older/languages',
      '/repos/octocat/old/languages',
    ]);
  });
});

describe(`Ingest: a search, on ${backendName}`, () => {
  it("ingests the results, expecting the search's count, and adds `pushed:>=` for a refresh", async () => {
    harness.github.addRepository('octocat/graph-tool', { description: 'A graph tool', stars: 10, pushedAt: day(20) });
    harness.github.addRepository('acme/graph-db', { description: 'Graph database', stars: 30, pushedAt: day(25) });
    harness.github.addRepository('acme/old-graph', { description: 'Old graph thing', stars: 50, pushedAt: day(1) });
    harness.github.addRepository('acme/unrelated', { description: 'Something else', pushedAt: day(25) });

    const { run, summary } = await harness.ingest({
      query: 'graph',
      refreshSince: day(15),
      includeContributors: false,
    });

    expect(run.status).toBe('SUCCEEDED');
    expect(harness.github.requestsTo(/^\/search\/repositories/).map((r) => r.query.get('q'))).toEqual([
      'graph pushed:>=2024-01-15T00:00:00Z',
    ]);
    expect(summary?.counts.repositories.inserted).toBe(2);
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['acme/graph-db', 'octocat/graph-tool']);
    expect(run.stages.at(-1)).toMatchObject({ processed: 2, total: 2 });
  });
});

describe(`Ingest: what each repository brings, on ${backendName}`, () => {
  it("profiles: OWNERS_AND_CONTRIBUTORS fetches every contributor's profile once per run", async () => {
    const contributors = [
      { login: 'octocat', contributions: 10 },
      { login: 'monalisa', contributions: 4 },
    ];
    harness.github.addRepository('octocat/a', { contributors });
    harness.github.addRepository('octocat/b', { contributors });
    harness.github.addUser('monalisa', { followers: 99 });
    const { summary } = await harness.ingest({
      fullNames: ['octocat/a', 'octocat/b'],
      profiles: 'OWNERS_AND_CONTRIBUTORS',
    });
    expect(summary?.counts.users.rejected).toBe(0);
    expect(harness.github.requestsTo(/^\/users\/[^/]+$/).map((r) => r.path)).toEqual([
      '/users/octocat',
      '/users/monalisa',
    ]);
    expect(await harness.users()).toEqual([
      { login: 'monalisa', type: 'USER', name: 'monalisa (name)', followers: 99 },
      { login: 'octocat', type: 'USER', name: 'octocat (name)', followers: 20 },
    ]);
  });

  it('includeContributors: false and profiles: NONE fetch neither', async () => {
    harness.github.addRepository('octocat/Hello-World');
    const { summary } = await harness.ingest({
      fullNames: ['octocat/Hello-World'],
      includeContributors: false,
      profiles: 'NONE',
    });
    expect(summary?.counts.contributions.inserted).toBe(0);
    expect(harness.github.requests.map((r) => r.path)).toEqual([
      '/rate_limit',
      '/repos/octocat/Hello-World',
      '/repos/octocat/Hello-World/languages',
    ]);
    // The owner still gets a row, typed from the repository's owner object.
    expect(await harness.users()).toEqual([{ login: 'octocat', type: 'USER', name: null, followers: null }]);
  });

  it('contributorsPerRepository asks GitHub for that many', async () => {
    harness.github.addRepository('octocat/Hello-World', {
      contributors: Array.from({ length: 8 }, (_, i) => ({ login: `dev-${i}`, contributions: 100 - i })),
    });
    const { summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'], contributorsPerRepository: 5 });
    expect(summary?.counts.contributions.inserted).toBe(5);
    expect(harness.github.requestsTo(/\/contributors/)[0]?.query.get('per_page')).toBe('5');
  });
});
