// GithubApi over Octokit (retry + throttling plugins) against a local server speaking GitHub's REST shapes:
// conditional requests, 404s, refused tokens, rate limits (waited for or refused), 5xx retries, outages and
// malformed bodies. Waits are scaled down (waitUnitMs) so a "2 s" wait costs 2 ms; nothing asserts timings.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { createGithubApi, type FetchResult, type GithubApi } from '../../../src/infra/github/index.js';
import { createLogger } from '../../../src/logger.js';
import { rejection } from '../../support/app-error.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { FakeGithub, GITHUB_ERRORS } from '../../support/fake-github.js';

const logger = createLogger('silent');
const now = () => Math.floor(Date.now() / 1000);

function ok(result: FetchResult) {
  if (result.status !== 'ok') throw new Error(`expected a 200, got ${result.status}`);
  return result;
}

describe(`GitHub API client (Octokit, retry + throttling) against a fake GitHub, ETags on ${backendName}`, () => {
  let test: TestDatabase;
  let github: FakeGithub;
  const api = (env: { token?: string; maxWait?: number } = {}): GithubApi =>
    createGithubApi(
      {
        GITHUB_TOKEN: 'token' in env ? env.token : 'ghp_valid',
        GITHUB_API_URL: github.url,
        GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS: env.maxWait ?? 300,
      },
      test.db.sql,
      logger,
      { waitUnitMs: 1 },
    );

  beforeAll(async () => {
    test = await openTestDatabase();
  });
  afterAll(async () => {
    await test?.close();
  });
  beforeEach(async () => {
    github = await FakeGithub.start();
    github.addRepository('octocat/Hello-World');
    await test.db.sql.exec('TRUNCATE github_etags');
  });
  afterEach(async () => {
    await github.close();
  });

  describe('conditional requests', () => {
    it('answers 200 with the body and its validators, then 304 (not modified) once they are stored', async () => {
      const client = api();
      const first = ok(await client.repository('octocat', 'Hello-World'));
      expect(first.request).toBe('GET /repos/octocat/Hello-World');
      expect(first.data).toMatchObject({ full_name: 'octocat/Hello-World', stargazers_count: 80 });
      expect(first.validators.etag).toMatch(/^W\/"[0-9a-f]+"$/);
      expect(first.rateLimit).toMatchObject({ limit: 5000, remaining: 4999 });

      // Not stored yet: the next request is unconditional and answers 200 again.
      expect((await client.repository('octocat', 'Hello-World')).status).toBe('ok');
      await client.saveValidators(test.db.sql, [first.validators]);
      const second = await client.repository('octocat', 'Hello-World');
      expect(second.status).toBe('not-modified');
      expect(github.requests.at(-1)).toMatchObject({ status: 304 });
      expect(github.requests.at(-1)?.headers['if-none-match']).toBe(first.validators.etag);
    });

    it('asks again in full when the resource changed since its validators were stored', async () => {
      const client = api();
      await client.saveValidators(test.db.sql, [ok(await client.repository('octocat', 'Hello-World')).validators]);
      github.repositories.get('octocat/hello-world')!.body.stargazers_count = 81;
      const changed = ok(await client.repository('octocat', 'Hello-World'));
      expect(changed.data).toMatchObject({ stargazers_count: 81 });
    });

    it('fetches lists and searches unconditionally, and says whether the Link header names a next page', async () => {
      for (let i = 0; i < 3; i++) github.addRepository(`octocat/repo-${i}`);
      const client = api();
      const page = ok(await client.ownerRepositories('octocat', 1, 2));
      expect(page.hasNextPage).toBe(true);
      await client.saveValidators(test.db.sql, [page.validators]);
      expect((await client.ownerRepositories('octocat', 1, 2)).status).toBe('ok');
      expect(github.requestsTo(/\/users\/octocat\/repos/).at(-1)?.headers['if-none-match']).toBeUndefined();
      expect(ok(await client.ownerRepositories('octocat', 2, 2)).hasNextPage).toBe(false);
    });

    it('reports a repository or user that does not exist as not-found', async () => {
      const client = api();
      expect((await client.repository('octocat', 'nope')).status).toBe('not-found');
      expect((await client.user('nobody-here')).status).toBe('not-found');
    });
  });

  describe('the token', () => {
    it('is sent as the Authorization header, and the access check reports the core quota', async () => {
      const access = await api().checkAccess();
      expect(access).toMatchObject({ authenticated: true, core: { limit: 5000, remaining: 4999 } });
      expect(github.requests.at(-1)?.headers.authorization).toBe('token ghp_valid');
    });

    it('is optional: without one, requests go unauthenticated', async () => {
      const access = await api({ token: undefined }).checkAccess();
      expect(access.authenticated).toBe(false);
      expect(github.requests.at(-1)?.headers.authorization).toBeUndefined();
    });

    it('refused by GitHub (401) is UNAUTHENTICATED, saying GITHUB_TOKEN is invalid or expired', async () => {
      const client = api({ token: 'ghp_revoked' });
      const error = await rejection(client.checkAccess());
      expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
      expect(error.message).toContain('GITHUB_TOKEN is invalid or expired');
      expect(error.message).not.toContain('ghp_revoked');
      expect((await rejection(client.repository('octocat', 'Hello-World'))).code).toBe(ErrorCode.UNAUTHENTICATED);
      expect(github.requests).toHaveLength(2); // a 401 is never retried
    });
  });

  describe('rate limits', () => {
    const exhausted = (resetIn: number) => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now() + resetIn) },
      body: GITHUB_ERRORS.rateLimited,
    });

    it('waits for a reset within GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS, then retries (403)', async () => {
      github.failNext(/^\/repos\/octocat\/Hello-World$/, exhausted(2));
      expect((await api().repository('octocat', 'Hello-World')).status).toBe('ok');
      expect(github.requestsTo(/^\/repos\/octocat\/Hello-World$/).map((r) => r.status)).toEqual([403, 200]);
    });

    it('stops with RATE_LIMITED, saying when the limit resets, when the reset is further away', async () => {
      const reset = now() + 3600;
      github.failNext(/^\/repos\//, {
        ...exhausted(3600),
        headers: { ...exhausted(3600).headers, 'x-ratelimit-reset': String(reset) },
      });
      const error = await rejection(api({ maxWait: 60 }).repository('octocat', 'Hello-World'));
      expect(error.code).toBe(ErrorCode.RATE_LIMITED);
      expect(error.message).toContain(new Date(reset * 1000).toISOString());
      expect(error.message).toContain('GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS=60');
      expect(error.details).toMatchObject({ resetAt: new Date(reset * 1000).toISOString() });
      expect(github.requestsTo(/^\/repos\//)).toHaveLength(1);
    });

    it('the access check refuses to start when the quota is used up for longer than the wait allowed', async () => {
      github.rateLimit = { limit: 60, remaining: 0, resetAt: now() + 1800 };
      const error = await rejection(api({ token: undefined, maxWait: 300 }).checkAccess());
      expect(error.code).toBe(ErrorCode.RATE_LIMITED);
      expect(error.message).toContain('unauthenticated: set GITHUB_TOKEN');
    });

    it('waits for a secondary rate limit (429 with retry-after), then retries', async () => {
      github.failNext(/^\/users\/octocat$/, {
        status: 429,
        headers: { 'retry-after': '1' },
        body: GITHUB_ERRORS.secondaryRateLimited,
      });
      expect((await api().user('octocat')).status).toBe('ok');
      expect(github.requestsTo(/^\/users\/octocat$/).map((r) => r.status)).toEqual([429, 200]);
    });

    it('stops with RATE_LIMITED when a secondary limit asks for a longer wait', async () => {
      github.failNext(/^\/users\//, {
        status: 403,
        headers: { 'retry-after': '900' },
        body: GITHUB_ERRORS.secondaryRateLimited,
      });
      const error = await rejection(api({ maxWait: 60 }).user('octocat'));
      expect(error.code).toBe(ErrorCode.RATE_LIMITED);
      expect(error.message).toContain('secondary rate limit');
      expect(error.details).toMatchObject({ retryAfterSeconds: 900 });
    });
  });

  describe('GitHub failing', () => {
    it('retries a 5xx and returns the answer that follows (502, then 200)', async () => {
      github.failNext(/^\/repos\/octocat\/Hello-World$/, {
        status: 502,
        body: '<html>Bad Gateway</html>',
        headers: { 'content-type': 'text/html' },
      });
      expect((await api().repository('octocat', 'Hello-World')).status).toBe('ok');
      expect(github.requestsTo(/^\/repos\/octocat\/Hello-World$/).map((r) => r.status)).toEqual([502, 200]);
    });

    it('gives up after 3 retries: INTERNAL "GitHub is unavailable", naming the request', async () => {
      github.failNext(/^\/repos\//, { status: 503, body: { message: 'Service Unavailable' } }, 10);
      const error = await rejection(api().repository('octocat', 'Hello-World'));
      expect(error.code).toBe(ErrorCode.INTERNAL);
      expect(error.message).toMatch(
        /^GitHub is unavailable: GET \/repos\/octocat\/Hello-World answered 503 \(Service Unavailable\), after 3 retries/,
      );
      expect(error.details).toMatchObject({ reason: 'GITHUB_UNAVAILABLE' });
      expect(github.requestsTo(/^\/repos\//)).toHaveLength(4);
    });

    it('reports a GitHub that cannot be reached at all as unavailable', async () => {
      const client = api();
      await github.close();
      const error = await rejection(client.repository('octocat', 'Hello-World'));
      expect(error.code).toBe(ErrorCode.INTERNAL);
      expect(error.message).toMatch(/^GitHub is unavailable: GET \/repos\/octocat\/Hello-World could not be reached/);
      github = await FakeGithub.start(); // for afterEach
    });

    it('hands a malformed body back as it came (the caller validates it)', async () => {
      github.failNext(/^\/repos\//, { status: 200, body: '{"id": 1296269, "full_na' });
      const result = ok(await api().repository('octocat', 'Hello-World'));
      expect(result.data).toBe('{"id": 1296269, "full_na');
    });

    it("turns a 422 (an invalid search query) into BAD_USER_INPUT with GitHub's message", async () => {
      github.failNext(/^\/search\//, {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ code: 'invalid' }] },
      });
      const error = await rejection(api().searchRepositories('stars:>>>', 1, 10));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.message).toContain('Validation Failed');
    });
  });
});
