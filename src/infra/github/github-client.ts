// The Octokit client ingestion uses: REST, with GitHub's official retry plugin (5xx and network failures, with
// backoff) and throttling plugin (GitHub's recommended pacing, and waits for rate limits). Whether a rate limit is
// worth waiting for is decided here, by the policy; a refused wait surfaces as the 403/429 itself.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from '../../logger.js';
import { DEFAULT_RATE_LIMIT_RETRIES, decideRateLimitWait } from './rate-limit-policy.js';

const GithubOctokit = Octokit.plugin(retry, throttling);
export type GithubClient = InstanceType<typeof GithubOctokit>;

export interface GithubClientOptions {
  /** Unset: unauthenticated (60 requests an hour). */
  readonly token?: string | undefined;
  readonly baseUrl: string;
  readonly maxRateLimitWaitSeconds: number;
  readonly logger: Logger;
  /**
   * Milliseconds per second of every wait: rate-limit resets, retry-after, and the retry backoff after a 5xx
   * (1, 4, 9 s). 1000 in production; tests shrink it so a wait costs milliseconds.
   */
  readonly waitUnitMs?: number;
  /** Retries after a 5xx or a network failure (default 3). */
  readonly retries?: number;
}

/** Statuses never retried blindly: GitHub's answer will not change (429 is the throttling plugin's to pace). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const log = options.logger.child({ module: 'github' });
  const unit = options.waitUnitMs ?? 1000;
  const policy = { maxWaitSeconds: options.maxRateLimitWaitSeconds, maxRetries: DEFAULT_RATE_LIMIT_RETRIES };
  const onLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const decision = decideRateLimitWait(retryAfter, retryCount, policy);
      const target = `${request.method} ${request.url}`;
      if (decision.wait) log.warn({ kind, retryAfter, target }, `GitHub ${kind} rate limit: waiting ${retryAfter} s`);
      else log.warn({ kind, retryAfter, target, why: decision.why }, `GitHub ${kind} rate limit: not waiting`);
      return decision.wait;
    };

  return new GithubOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: options.baseUrl,
    userAgent: 'ost-graph',
    // Octokit logs every request (info) and every non-2xx answer, 304 and 404 included (error): those are normal
    // here and reported by the caller, so both go to debug. Extra arguments (request options, with the token in
    // their headers) are never logged.
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.debug(message),
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: unit, doNotRetry: DO_NOT_RETRY },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: unit,
    },
  });
}
