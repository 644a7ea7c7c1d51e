// IngestService against a fake GitHub and a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): what
// each source ingests, what lands in the tables, what a re-run costs (304s, nothing rewritten), and how bad
// records are reported and skipped.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { ImportService, silentProgress } from '../../../src/modules/import/index.js';
import { backendName } from '../../support/backends.js';
import { githubFixture } from '../../support/fake-github.js';
import { jsonlFile } from '../import/fixtures.js';
import { IngestHarness } from './ingest.harness.js';

const harness = IngestHarness.install();

describe(`Ingest: repositories by full name on ${backendName}`, () => {
  it('stores repositories with topics, languages, owners, top contributors and owner profiles', async () => {
    const { github } = harness;
    github.addRepository('octocat/Hello-World', {
      stars: 80,
      contributors: [
        { login: 'octocat', contributions: 32 },
        { login: 'hubot', contributions: 5, type: 'Bot' },
      ],
    });
    github.addRepository('github/docs', { ownerType: 'Organization', languages: { JavaScript: 1200, SCSS: 30 } });

    const { run, summary } = await harness.ingest({ fullNames: ['octocat/Hello-World', 'github/docs'] });

    expect(run.status).toBe('SUCCEEDED');
    expect(summary?.counts).toEqual({
      repositories: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
      users: { inserted: 3, updated: 0, unchanged: 0, rejected: 0 },
      contributions: { inserted: 3, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(summary?.rejections).toEqual([]);
    expect(await harness.repositories()).toEqual([
      {
        full_name: 'github/docs',
        owner: 'github',
        stars: 80,
        topics: ['octocat', 'api'],
        languages: { JavaScript: 1200, SCSS: 30 },
        license: 'MIT',
        github_id: expect.any(String),
      },
      {
        full_name: 'octocat/Hello-World',
        owner: 'octocat',
        stars: 80,
        topics: ['octocat', 'api'],
        languages: githubFixture('languages.json'),
        license: 'MIT',
        github_id: expect.any(String),
      },
    ]);
    // Owners get their whole profile; contributors (profiles: OWNERS, the default) their login and type.
    expect(await harness.users()).toEqual([
      { login: 'github', type: 'ORGANIZATION', name: 'github (name)', followers: 20 },
      { login: 'hubot', type: 'BOT', name: null, followers: null },
      { login: 'octocat', type: 'USER', name: 'octocat (name)', followers: 20 },
    ]);
    expect(await harness.contributions()).toEqual([
      { login: 'github', full_name: 'github/docs', weight: 32 },
      { login: 'hubot', full_name: 'octocat/Hello-World', weight: 5 },
      { login: 'octocat', full_name: 'octocat/Hello-World', weight: 32 },
    ]);
    expect(run.stages.map((s) => [s.name, s.status, s.processed, s.total])).toEqual([
      ['check', 'SUCCEEDED', 1, 1],
      ['repositories', 'SUCCEEDED', 2, 2],
    ]);
    expect(run.result).toMatchObject({ totals: { inserted: 8, rejected: 0 }, authenticated: true });
  });

  it('re-runs for free: every request is conditional, GitHub answers 304, nothing is rewritten', async () => {
    harness.github.addRepository('octocat/Hello-World');
    harness.github.addRepository('octocat/Spoon-Knife');
    const input = { fullNames: ['octocat/Hello-World', 'octocat/Spoon-Knife'] };
    const first = await harness.ingest(input);
    const before = await harness.test.db.sql.query('SELECT full_name, synced_at FROM repositories ORDER BY id');

    const second = await harness.ingest(input);

    expect(second.run.status).toBe('SUCCEEDED');
    expect(second.summary?.counts).toEqual({
      repositories: { inserted: 0, updated: 0, unchanged: 2, rejected: 0 },
      users: { inserted: 0, updated: 0, unchanged: 1, rejected: 0 },
      contributions: { inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
    });
    // Repositories, the owner's profile and both contributor lists: all 304 (languages are not asked again
    // for a repository GitHub says is unchanged).
    expect(second.summary?.requests).toEqual({ sent: 5, notModified: 5, notFound: 0 });
    expect(first.summary?.requests.sent).toBe(7);
    expect(await harness.test.db.sql.query('SELECT full_name, synced_at FROM repositories ORDER BY id')).toEqual(
      before,
    );
  });

  it('rewrites only what changed on GitHub', async () => {
    const repository = harness.github.addRepository('octocat/Hello-World', { stars: 80 });
    harness.github.addRepository('octocat/Spoon-Knife');
    const input = { fullNames: ['octocat/Hello-World', 'octocat/Spoon-Knife'] };
    await harness.ingest(input);
    repository.body.stargazers_count = 81;

    const { summary } = await harness.ingest(input);

    expect(summary?.counts.repositories).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect((await harness.repositories()).map((r) => [r.full_name, r.stars])).toEqual([
      ['octocat/Hello-World', 81],
      ['octocat/Spoon-Knife', 80],
    ]);
  });

  it("shares the import's writers: a later file import keeps what only GitHub gives (languages, profiles)", async () => {
    harness.github.addRepository('octocat/Hello-World');
    await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    const importer = new ImportService({ db: harness.test.db, logger: createLogger('silent') });
    await importer.importFiles(
      {
        users: jsonlFile([{ login: 'octocat', followers: 21 }]),
        repos: jsonlFile([{ fullName: 'octocat/Hello-World', stars: 5, forks: 1 }]),
      },
      silentProgress(),
    );
    const [stored] = await harness.repositories();
    expect(stored).toMatchObject({ stars: 5, languages: githubFixture('languages.json') });
    expect(await harness.users()).toEqual([{ login: 'octocat', type: 'USER', name: 'octocat (name)', followers: 21 }]);
  });

  it('fetches topics from GET …/topics when a repository body carries none (older GitHub Enterprise)', async () => {
    harness.github.addRepository('octocat/Hello-World', { topics: undefined });
    expect(harness.github.repositories.get('octocat/hello-world')?.body).not.toHaveProperty('topics');
    const topicsServed = ['from-the-topics-endpoint'];
    harness.github.failNext(/\/topics$/, { status: 200, body: { names: topicsServed } });

    const { summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });

    expect(summary?.counts.repositories.inserted).toBe(1);
    expect((await harness.repositories())[0]?.topics).toEqual(topicsServed);
    expect(harness.github.requestsTo(/\/topics$/)).toHaveLength(1);
  });
});

describe(`Ingest: bad records are reported (which, which field, why) and skipped, on ${backendName}`, () => {
  it('rejects a repository GitHub does not know, an invalid field and a malformed body; writes the rest', async () => {
    const { github } = harness;
    github.addRepository('octocat/Hello-World');
    github.addRepository('octocat/negative', { raw: { stargazers_count: -3 } });
    github.addRepository('octocat/truncated');
    github.failNext(/^\/repos\/octocat\/truncated$/, { status: 200, body: '{"id": 1296269, "full_name": "octo' });

    const { run, summary } = await harness.ingest({
      fullNames: ['octocat/Hello-World', 'octocat/missing', 'octocat/negative', 'octocat/truncated'],
    });

    expect(run.status).toBe('SUCCEEDED');
    expect(summary?.counts.repositories).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 3 });
    expect(summary?.rejections).toEqual([
      {
        kind: 'repositories',
        item: 'octocat/missing',
        request: 'GET /repos/octocat/missing',
        reason: 'not found on GitHub (404): it does not exist, was deleted, or is private to this token',
      },
      {
        kind: 'repositories',
        item: 'octocat/negative',
        request: 'GET /repos/octocat/negative',
        reason: 'stargazers_count: expected a whole number from 0 to 2147483647, got -3',
      },
      {
        kind: 'repositories',
        item: 'octocat/truncated',
        request: 'GET /repos/octocat/truncated',
        reason: 'response body is not a JSON object: got text "{\\"id\\": 1296269, \\"full_name\\": \\"octo"',
      },
    ]);
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['octocat/Hello-World']);
    // Nothing vouches for the rejected ones: the next run asks for them in full and reports them again.
    expect(await harness.etagKeys()).not.toContain('GET /repos/octocat/negative');
    const again = await harness.ingest({ fullNames: ['octocat/negative'] });
    expect(again.summary?.counts.repositories.rejected).toBe(1);
  });

  it('rejects a repository whose languages are malformed, with the field that is wrong', async () => {
    harness.github.addRepository('octocat/Hello-World', { languages: { C: 'lots' } });
    const { summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    expect(summary?.rejections).toEqual([
      {
        kind: 'repositories',
        item: 'octocat/Hello-World',
        request: 'GET /repos/octocat/Hello-World/languages',
        reason: 'languages: C: expected a byte count, got "lots"',
      },
    ]);
    expect(await harness.repositories()).toEqual([]);
  });

  it('rejects one bad contributor entry and keeps the others', async () => {
    harness.github.addRepository('octocat/Hello-World', {
      contributors: [
        { login: 'octocat', contributions: 32 },
        { login: 'bad login', contributions: 3 },
        { login: 'monalisa', contributions: -1 },
      ],
    });
    const { summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    expect(summary?.counts.contributions).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(summary?.rejections.map((r) => [r.item, r.reason])).toEqual([
      ['octocat/Hello-World contributors[1]', 'login: expected a GitHub login such as "octocat", got "bad login"'],
      ['octocat/Hello-World contributors[2]', 'contributions: expected a number ≥ 0, got -1'],
    ]);
    expect((await harness.contributions()).map((c) => c.login)).toEqual(['octocat']);
    // The contributor list had rejects: it is asked for in full next time (the bad entries are reported again).
    expect(await harness.etagKeys()).not.toContain('GET /repos/octocat/Hello-World/contributors?per_page=10');
  });

  it('rejects a profile GitHub sends malformed, keeping the repository', async () => {
    harness.github.addRepository('octocat/Hello-World');
    harness.github.users.get('octocat')!.followers = 'many';
    const { summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    expect(summary?.counts.repositories.inserted).toBe(1);
    expect(summary?.rejections).toEqual([
      {
        kind: 'users',
        item: 'user octocat',
        request: 'GET /users/octocat',
        reason: 'followers: expected a whole number from 0 to 2147483647, got "many"',
      },
    ]);
  });
});
