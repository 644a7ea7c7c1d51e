// Bad input and a failing GitHub: a refused or missing token, rate limits, 5xx (retried, or an outage), malformed
// listings. A failed run is FAILED with its reason (code first), writes nothing half-way (each batch is one
// transaction), and running it again completes it.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { rejection } from '../../support/app-error.js';
import { backendName } from '../../support/backends.js';
import { GITHUB_ERRORS } from '../../support/fake-github.js';
import { IngestHarness } from './ingest.harness.js';
import { TEST_ACTOR } from '../../support/app.js';

const harness = IngestHarness.install();
const names = (count: number) => Array.from({ length: count }, (_, i) => `octocat/repo-${i}`);

describe(`Ingest: the GitHub token, on ${backendName}`, () => {
  it('a token GitHub refuses fails the run before anything is fetched or written', async () => {
    harness.github.addRepository('octocat/Hello-World');
    const { run } = await harness.ingest({ fullNames: ['octocat/Hello-World'] }, { token: 'ghp_expired' });
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/^UNAUTHENTICATED: GITHUB_TOKEN is invalid or expired: GitHub answered 401/);
    expect(harness.github.requests.map((r) => r.path)).toEqual(['/rate_limit']);
    expect(await harness.repositories()).toEqual([]);
  });

  it('a token revoked during the run fails it at that request, keeping the batches written before', async () => {
    for (const name of names(3)) harness.github.addRepository(name);
    harness.github.failNext(/^\/repos\/octocat\/repo-2$/, { status: 401, body: GITHUB_ERRORS.badCredentials });
    const { run } = await harness.ingest({ fullNames: names(3) }, { batchSize: 2 });
    expect(run.status).toBe('FAILED');
    expect(run.error).toContain('UNAUTHENTICATED: GITHUB_TOKEN is invalid or expired');
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['octocat/repo-0', 'octocat/repo-1']);
  });

  it('without a token, ingests unauthenticated and says so loudly in the result', async () => {
    harness.github.addRepository('octocat/Hello-World');
    const { run, summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'] }, { token: undefined });
    expect(run.status).toBe('SUCCEEDED');
    expect(summary?.authenticated).toBe(false);
    expect(summary?.warnings).toEqual([expect.stringContaining('GITHUB_TOKEN is not set')]);
    expect(harness.github.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });
});

describe(`Ingest: GitHub failing during a run, on ${backendName}`, () => {
  it('GitHub down mid-run: FAILED with the reason, no partial batch, and a re-run completes it', async () => {
    for (const name of names(4)) harness.github.addRepository(name);
    // Batches of two: repo-0 and repo-1 are written; repo-2 is fetched, then repo-3 cannot be (a first try and
    // three retries all answer 503); GitHub is back for the re-run.
    harness.github.failNext(/^\/repos\/octocat\/repo-3$/, { status: 503, body: { message: 'Service Unavailable' } }, 4);

    const failed = await harness.ingest({ fullNames: names(4) }, { batchSize: 2 });

    expect(failed.run.status).toBe('FAILED');
    expect(failed.run.error).toMatch(
      /^INTERNAL: GitHub is unavailable: GET \/repos\/octocat\/repo-3 answered 503 \(Service Unavailable\), after 3 retries\. Run the ingestion again/,
    );
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['octocat/repo-0', 'octocat/repo-1']);
    expect((await harness.contributions()).map((c) => c.full_name)).toEqual(['octocat/repo-0', 'octocat/repo-1']);
    expect((await harness.etagKeys()).filter((key) => key.includes('repo-2'))).toEqual([]);

    const rerun = await harness.ingest({ fullNames: names(4) }, { batchSize: 2 });

    expect(rerun.run.status).toBe('SUCCEEDED');
    expect(rerun.summary?.counts.repositories).toEqual({ inserted: 2, updated: 0, unchanged: 2, rejected: 0 });
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(names(4));
  });

  it('a batch the database refuses leaves nothing behind: its users and repositories roll back with it', async () => {
    harness.github.addRepository('octocat/Hello-World');
    const { sql } = harness.test.db;
    await sql.exec(`CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
      CREATE TRIGGER refuse_for_test BEFORE INSERT ON contributions FOR EACH ROW EXECUTE FUNCTION refuse_for_test();`);
    try {
      const { run } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
      expect(run.status).toBe('FAILED');
      expect(run.error).toContain('the batch of repositories octocat/Hello-World was not written');
      expect(run.error).toContain('refused for the test');
    } finally {
      await sql.exec('DROP TRIGGER refuse_for_test ON contributions; DROP FUNCTION refuse_for_test()');
    }
    expect(await harness.repositories()).toEqual([]);
    expect(await harness.users()).toEqual([]);
    expect(await harness.etagKeys()).toEqual([]);
    const rerun = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    expect(rerun.summary?.totals).toMatchObject({ inserted: 3, rejected: 0 });
  });

  it('retries a 5xx and carries on (502, then 200)', async () => {
    harness.github.addRepository('octocat/Hello-World');
    harness.github.failNext(/\/languages$/, {
      status: 502,
      body: '<html>502 Bad Gateway</html>',
      headers: { 'content-type': 'text/html' },
    });
    const { run, summary } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    expect(run.status).toBe('SUCCEEDED');
    expect(summary?.counts.repositories.inserted).toBe(1);
    expect(harness.github.requestsTo(/\/languages$/).map((r) => r.status)).toEqual([502, 200]);
  });

  it('waits for a rate limit that resets soon, then carries on', async () => {
    harness.github.addRepository('octocat/Hello-World');
    harness.github.failNext(/^\/repos\/octocat\/Hello-World$/, {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2) },
      body: GITHUB_ERRORS.rateLimited,
    });
    const { run } = await harness.ingest({ fullNames: ['octocat/Hello-World'] });
    expect(run.status).toBe('SUCCEEDED');
    expect(harness.github.requestsTo(/^\/repos\/octocat\/Hello-World$/).map((r) => r.status)).toEqual([403, 200]);
  });

  it('stops with RATE_LIMITED, saying when the limit resets, when the wait would be too long', async () => {
    for (const name of names(2)) harness.github.addRepository(name);
    const reset = Math.floor(Date.now() / 1000) + 3000;
    harness.github.failNext(/^\/repos\/octocat\/repo-1$/, {
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: GITHUB_ERRORS.rateLimited,
    });
    const { run } = await harness.ingest({ fullNames: names(2) }, { batchSize: 1, maxWait: 60 });
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/^RATE_LIMITED: GitHub's rate limit is used up/);
    expect(run.error).toContain(`resets at ${new Date(reset * 1000).toISOString()}`);
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['octocat/repo-0']);
  });

  it('stops at a listing page that is not a list (the run cannot tell which repositories it holds)', async () => {
    harness.github.addRepository('octocat/Hello-World');
    harness.github.failNext(/^\/users\/octocat\/repos/, {
      status: 200,
      body: '<!DOCTYPE html><html>Whoa there!</html>',
    });
    const { run } = await harness.ingest({ owner: 'octocat' });
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(
      /^INTERNAL: GitHub answered GET \/users\/octocat\/repos\?.* with a body that is not a list/,
    );
  });

  it('an owner GitHub does not know fails the run with NOT_FOUND', async () => {
    const { run } = await harness.ingest({ owner: 'no-such-owner' });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('NOT_FOUND: GitHub has no user or organization "no-such-owner"');
  });
});

describe(`Ingest: starting a run (the mutation's path), on ${backendName}`, () => {
  it.each([
    [{}, 'fullNames', 'give exactly one of fullNames, owner or query'],
    [{ owner: 'octocat', query: 'go' }, 'query', 'not owner and query'],
    [{ fullNames: [] }, 'fullNames', 'must name at least one repository'],
    [{ fullNames: ['octocat/Hello-World', 'not a name'] }, 'fullNames[1]', 'expected a repository full name'],
    [{ owner: 'bad owner!' }, 'owner', 'expected a GitHub user or organization login'],
    [{ query: '   ' }, 'query', 'must not be empty'],
    [{ query: 'go', maxRepositories: 5000 }, 'maxRepositories', 'expected a whole number from 1 to 1000, got 5000'],
    [{ query: 'go', contributorsPerRepository: 0 }, 'contributorsPerRepository', 'from 1 to 100'],
    [{ query: 'go', profiles: 'EVERYONE' }, 'profiles', 'NONE, OWNERS, OWNERS_AND_CONTRIBUTORS'],
    [{ query: 'go', refreshSince: new Date(Date.now() + 86_400_000) }, 'refreshSince', 'must not be in the future'],
    [{ query: 'go', refreshSince: 'yesterday' }, 'refreshSince', 'expected an ISO 8601 date-time'],
    [{ query: 'go', refreshSince: new Date(0), incremental: true }, 'incremental', 'not both'],
  ])('%j is BAD_USER_INPUT naming %s', async (input, field, phrase) => {
    const error = await rejection(harness.service().start(input, TEST_ACTOR));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toEqual({ field });
    expect(error.message).toContain(phrase);
    expect(harness.github.requests).toEqual([]); // nothing asked of GitHub, no run recorded
    expect(await harness.pipeline.list({ take: 1 }).then((page) => page.rows)).toEqual([]);
  });

  it('fails at once with UNAUTHENTICATED for a refused token, and records the run as FAILED', async () => {
    const error = await rejection(harness.service({ token: 'ghp_expired' }).start({ owner: 'octocat' }, TEST_ACTOR));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.message).toMatch(/^GITHUB_TOKEN is invalid or expired/);
    const runId = String(error.details?.runId);
    const run = await harness.pipeline.get(runId);
    expect(run).toMatchObject({ kind: 'GITHUB_INGEST', status: 'FAILED' });
    expect(run.error).toMatch(/^UNAUTHENTICATED: GITHUB_TOKEN is invalid or expired/);
  });

  it('returns the queued run once GitHub accepted the token; it then completes in the background', async () => {
    harness.github.addRepository('octocat/Hello-World');
    const run = await harness
      .service()
      .start({ fullNames: ['octocat/Hello-World'], includeContributors: false }, TEST_ACTOR);
    // GitHub was asked before the run was handed over (whichever process executes it, inline or a worker).
    expect(harness.github.requests[0]?.path).toBe('/rate_limit');
    expect(run.kind).toBe('GITHUB_INGEST');
    expect(run.status).toBe('QUEUED');
    expect(run.params).toMatchObject({ source: { kind: 'fullNames', fullNames: ['octocat/Hello-World'] } });
    await harness.pipeline.waitFor(run.id);
    expect((await harness.pipeline.get(run.id)).status).toBe('SUCCEEDED');
    expect((await harness.repositories()).map((r) => r.full_name)).toEqual(['octocat/Hello-World']);
  });
});
