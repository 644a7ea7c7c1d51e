// How long ingestion may wait for GitHub's rate limit. GitHub says when a limit resets (x-ratelimit-reset) or how
// long to back off (retry-after). Waiting that long is right when it is short; a run that sleeps for most of an
// hour looks hung, so beyond GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS it stops with RATE_LIMITED and says when to retry.

export interface RateLimitPolicy {
  /** The longest wait accepted, in seconds. */
  readonly maxWaitSeconds: number;
  /** How many times one request may wait and retry (a limit that is still exhausted after that is not moving). */
  readonly maxRetries: number;
}

export type RateLimitDecision =
  | { readonly wait: true; readonly seconds: number }
  | { readonly wait: false; readonly why: 'too-long' | 'retried-enough' };

export const DEFAULT_RATE_LIMIT_RETRIES = 2;

/** Whether to wait `retryAfterSeconds` and retry, for the `retryCount`-th retry of one request. */
export function decideRateLimitWait(
  retryAfterSeconds: number,
  retryCount: number,
  policy: RateLimitPolicy,
): RateLimitDecision {
  if (retryAfterSeconds > policy.maxWaitSeconds) return { wait: false, why: 'too-long' };
  if (retryCount >= policy.maxRetries) return { wait: false, why: 'retried-enough' };
  return { wait: true, seconds: Math.max(0, retryAfterSeconds) };
}

/** GitHub's rate-limit headers, as the API reports them on every response. */
export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: Date;
}

type Headers = Readonly<Record<string, string | number | undefined>>;

/** The rate limit a response reports, or null when its headers do not say (GitHub Enterprise may omit them). */
export function rateLimitFromHeaders(headers: Headers | undefined): RateLimitState | null {
  const limit = Number(headers?.['x-ratelimit-limit']);
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (![limit, remaining, reset].every(Number.isFinite) || headers?.['x-ratelimit-reset'] === undefined) return null;
  return { limit, remaining, resetAt: new Date(reset * 1000) };
}

/** Seconds from `now` until `at`, rounded up, never negative. */
export const secondsUntil = (at: Date, now: Date = new Date()): number =>
  Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));
