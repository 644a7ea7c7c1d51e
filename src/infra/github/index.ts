// GitHub's REST API as ingestion uses it: a configured Octokit client, typed conditional fetchers, the ETag store
// and the rate-limit policy.
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { SqlDriver } from '../db/index.js';
import { DatabaseEtagStore } from './etag-store.js';
import { GithubApi } from './github-api.js';
import { createGithubClient, type GithubClientOptions } from './github-client.js';

export { GithubApi, type AccessCheck, type FetchOptions, type FetchResult } from './github-api.js';
export { createGithubClient, type GithubClient, type GithubClientOptions } from './github-client.js';
export { DatabaseEtagStore, type EtagStore, type Validators } from './etag-store.js';
export { githubError, isGithubRequestError } from './github-errors.js';
export { decideRateLimitWait, rateLimitFromHeaders, type RateLimitState } from './rate-limit-policy.js';

type GithubConfig = Pick<Config, 'GITHUB_TOKEN' | 'GITHUB_API_URL' | 'GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS'>;

/** The API as configured: the one wiring shared by the server (compose) and the CLI. */
export function createGithubApi(
  config: GithubConfig,
  sql: SqlDriver,
  logger: Logger,
  tuning: Pick<GithubClientOptions, 'waitUnitMs' | 'retries'> = {},
): GithubApi {
  const client = createGithubClient({
    token: config.GITHUB_TOKEN,
    baseUrl: config.GITHUB_API_URL,
    maxRateLimitWaitSeconds: config.GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS,
    logger,
    ...tuning,
  });
  return new GithubApi({
    client,
    etags: new DatabaseEtagStore(sql),
    authenticated: Boolean(config.GITHUB_TOKEN),
    maxRateLimitWaitSeconds: config.GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS,
  });
}
