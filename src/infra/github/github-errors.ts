// GitHub's failures as the application's closed error codes, each with a message that says what to do. Octokit's
// RequestError is recognised by shape (status + response), so nothing here depends on its class identity.
import { AppError, ErrorCode } from '../../errors.js';
import { rateLimitFromHeaders, secondsUntil } from './rate-limit-policy.js';

export interface GithubRequestError {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers?: Record<string, string | number | undefined>; readonly data?: unknown };
  readonly request?: { readonly request?: { readonly retryCount?: number } };
}

export function isGithubRequestError(error: unknown): error is GithubRequestError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

export interface ErrorContext {
  /** "GET /repos/octocat/Hello-World". */
  readonly request: string;
  readonly authenticated: boolean;
  readonly maxWaitSeconds: number;
  readonly now?: Date;
}

const RERUN =
  'Run the ingestion again to complete it: batches written so far are kept, and unchanged data costs nothing.';

/** GitHub's own explanation: the body's `message` when it has one, else what Octokit made of the response. */
function githubMessage(error: GithubRequestError): string {
  const data = error.response?.data;
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message;
  }
  return error.message;
}

export const invalidToken = (request: string) =>
  new AppError(
    ErrorCode.UNAUTHENTICATED,
    `GITHUB_TOKEN is invalid or expired: GitHub answered 401 (Bad credentials) to ${request}. Set GITHUB_TOKEN to a ` +
      'valid token (https://github.com/settings/tokens), or unset it to ingest unauthenticated (60 requests an hour).',
    { reason: 'GITHUB_TOKEN_INVALID' },
  );

/** RATE_LIMITED for a limit that resets at `resetAt`, too late to wait for. */
export function rateLimitExhausted(context: ErrorContext, limit: number, resetAt: Date): AppError {
  const seconds = secondsUntil(resetAt, context.now);
  const quota = context.authenticated
    ? `${limit} requests`
    : `${limit} requests, unauthenticated: set GITHUB_TOKEN for 5000 an hour`;
  const why =
    seconds > context.maxWaitSeconds
      ? `later than GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS=${context.maxWaitSeconds} allows waiting`
      : 'and it was still used up after waiting for earlier resets';
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `GitHub's rate limit is used up (${quota}) at ${context.request}. It resets at ${resetAt.toISOString()} ` +
      `(in ${seconds} s), ${why}. ${RERUN}`,
    { reason: 'GITHUB_RATE_LIMIT', resetAt: resetAt.toISOString(), retryAfterSeconds: seconds },
  );
}

/** Translates a failed GitHub request (after the retry and throttling plugins gave up) into an AppError. */
export function githubError(error: unknown, context: ErrorContext): unknown {
  if (!isGithubRequestError(error)) return error; // an abort, a bug: not GitHub's answer
  const { status } = error;
  const headers = error.response?.headers;
  const message = githubMessage(error);
  if (status === 401) return invalidToken(context.request);

  const limit = rateLimitFromHeaders(headers);
  const retryAfter = Number(headers?.['retry-after']);
  if ((status === 403 || status === 429) && limit && limit.remaining === 0) {
    return rateLimitExhausted(context, limit.limit, limit.resetAt);
  }
  if (status === 429 || (status === 403 && (Number.isFinite(retryAfter) || /rate limit/i.test(message)))) {
    const wait = Number.isFinite(retryAfter) ? `it asks to wait ${retryAfter} s` : 'it gives no time to wait';
    return new AppError(
      ErrorCode.RATE_LIMITED,
      `GitHub's secondary rate limit stopped ${context.request} (${status}: ${message}); ${wait}, more than ` +
        `GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS=${context.maxWaitSeconds} allows or after repeated waits. ${RERUN}`,
      {
        reason: 'GITHUB_SECONDARY_RATE_LIMIT',
        ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
      },
    );
  }
  if (status === 403) {
    return new AppError(ErrorCode.FORBIDDEN, `GitHub refused ${context.request} (403): ${message}`, {
      reason: 'GITHUB_FORBIDDEN',
    });
  }
  if (status >= 500) {
    // Octokit reports a request that never got an answer (connection refused, reset, DNS) as status 500.
    const retries = error.request?.request?.retryCount ?? 0;
    const answered = error.response ? `answered ${status} (${message})` : `could not be reached (${message})`;
    return new AppError(
      ErrorCode.INTERNAL,
      `GitHub is unavailable: ${context.request} ${answered}, after ${retries} ${retries === 1 ? 'retry' : 'retries'}. ${RERUN}`,
      { reason: 'GITHUB_UNAVAILABLE', status },
      { cause: error },
    );
  }
  // 400, 410, 422 ...: what was asked is wrong (an invalid search query answers 422).
  return new AppError(ErrorCode.BAD_USER_INPUT, `GitHub rejected ${context.request} (${status}): ${message}`, {
    reason: 'GITHUB_REJECTED',
    status,
  });
}
