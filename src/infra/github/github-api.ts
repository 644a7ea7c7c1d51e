// Typed fetchers for the GitHub REST endpoints ingestion reads. Every GET of a resource is conditional: the stored
// ETag / Last-Modified travel as If-None-Match / If-Modified-Since, and GitHub answers 304 (free: it costs no
// rate limit) when nothing changed. Bodies come back as `unknown`: they are validated where they become records.
// A fetcher never stores validators; the caller saves them with the rows it writes (see etag-store.ts).
import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.js';
import type { SqlDriver } from '../db/index.js';
import type { GithubClient } from './github-client.js';
import { githubError, invalidToken, isGithubRequestError, rateLimitExhausted } from './github-errors.js';
import type { EtagStore, Validators } from './etag-store.js';
import { rateLimitFromHeaders, secondsUntil, type RateLimitState } from './rate-limit-policy.js';

export type FetchResult =
  | {
      readonly status: 'ok';
      readonly request: string;
      readonly data: unknown;
      /** What to save once the data is written, so the next run can ask conditionally. */
      readonly validators: Validators;
      /** The response's Link header names a next page. */
      readonly hasNextPage: boolean;
      readonly rateLimit: RateLimitState | null;
    }
  | { readonly status: 'not-modified'; readonly request: string; readonly rateLimit: RateLimitState | null }
  | { readonly status: 'not-found'; readonly request: string; readonly rateLimit: RateLimitState | null };

export interface FetchOptions {
  readonly signal?: AbortSignal;
  /**
   * Send the stored validators (default true). Lists and searches are fetched whole: a page's 304 would not say
   * which repositories it holds, nor whether they were all processed the way this run processes them.
   */
  readonly conditional?: boolean;
}

export interface AccessCheck {
  readonly authenticated: boolean;
  readonly core: RateLimitState;
}

export interface GithubApiOptions {
  readonly client: GithubClient;
  readonly etags: EtagStore;
  readonly authenticated: boolean;
  readonly maxRateLimitWaitSeconds: number;
}

const rateResource = z.object({ limit: z.number(), remaining: z.number(), reset: z.number() });
const rateLimitBody = z.object({ resources: z.object({ core: rateResource }) });

type Params = Record<string, string | number>;

export class GithubApi {
  readonly authenticated: boolean;
  private readonly client: GithubClient;
  private readonly etags: EtagStore;
  private readonly maxWaitSeconds: number;

  constructor(options: GithubApiOptions) {
    this.client = options.client;
    this.etags = options.etags;
    this.authenticated = options.authenticated;
    this.maxWaitSeconds = options.maxRateLimitWaitSeconds;
  }

  /**
   * Checks the token and the quota before a run writes anything: GET /rate_limit costs no rate limit. Throws
   * UNAUTHENTICATED for a token GitHub refuses, RATE_LIMITED when the quota is used up for longer than the
   * configured wait.
   */
  async checkAccess(options: FetchOptions = {}): Promise<AccessCheck> {
    const request = 'GET /rate_limit';
    let data: unknown;
    try {
      ({ data } = await this.client.request(request, { request: { signal: options.signal } }));
    } catch (error) {
      if (isGithubRequestError(error) && error.status === 401) throw invalidToken(request);
      throw this.translate(error, request);
    }
    const parsed = rateLimitBody.safeParse(data);
    if (!parsed.success) {
      throw new AppError(ErrorCode.INTERNAL, `GitHub answered ${request} with an unexpected body`, {
        reason: 'GITHUB_MALFORMED_RESPONSE',
      });
    }
    const { limit, remaining, reset } = parsed.data.resources.core;
    const core = { limit, remaining, resetAt: new Date(reset * 1000) };
    if (remaining === 0 && secondsUntil(core.resetAt) > this.maxWaitSeconds) {
      throw rateLimitExhausted(this.context(request), limit, core.resetAt);
    }
    return { authenticated: this.authenticated, core };
  }

  repository(owner: string, repo: string, options?: FetchOptions): Promise<FetchResult> {
    return this.get('GET /repos/{owner}/{repo}', { owner, repo }, options);
  }

  /** Topic names ({names: [...]}); repository bodies usually carry them already. */
  repositoryTopics(owner: string, repo: string, options?: FetchOptions): Promise<FetchResult> {
    return this.get('GET /repos/{owner}/{repo}/topics', { owner, repo }, options);
  }

  /** Bytes of code per language: {"C": 78769, ...}. */
  repositoryLanguages(owner: string, repo: string, options?: FetchOptions): Promise<FetchResult> {
    return this.get('GET /repos/{owner}/{repo}/languages', { owner, repo }, options);
  }

  /** The top contributors by commits, most first (an empty repository answers 204: no body). */
  repositoryContributors(owner: string, repo: string, perPage: number, options?: FetchOptions): Promise<FetchResult> {
    return this.get('GET /repos/{owner}/{repo}/contributors', { owner, repo, per_page: perPage }, options);
  }

  user(login: string, options?: FetchOptions): Promise<FetchResult> {
    return this.get('GET /users/{username}', { username: login }, options);
  }

  /** An owner's public repositories, most recently pushed first: a refresh stops at the first one it has seen. */
  ownerRepositories(owner: string, page: number, perPage: number, options?: FetchOptions): Promise<FetchResult> {
    const params = { username: owner, type: 'owner', sort: 'pushed', direction: 'desc', per_page: perPage, page };
    return this.get('GET /users/{username}/repos', params, { ...options, conditional: false });
  }

  /** Repository search ({total_count, incomplete_results, items}); GitHub serves at most 1000 results. */
  searchRepositories(query: string, page: number, perPage: number, options?: FetchOptions): Promise<FetchResult> {
    return this.get(
      'GET /search/repositories',
      { q: query, per_page: perPage, page },
      { ...options, conditional: false },
    );
  }

  /** Stores validators of responses whose data `tx` writes (see etag-store.ts). */
  saveValidators(tx: SqlDriver, validators: readonly Validators[]): Promise<void> {
    return this.etags.save(tx, validators);
  }

  private async get(route: string, params: Params, options: FetchOptions = {}): Promise<FetchResult> {
    const { url } = this.client.request.endpoint(route, params);
    const request = `GET ${url.replace(this.client.request.endpoint.DEFAULTS.baseUrl, '')}`;
    const key = request;
    const stored = options.conditional === false ? undefined : await this.etags.get(key);
    const headers: Record<string, string> = {};
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    try {
      const response = await this.client.request(route, { ...params, headers, request: { signal: options.signal } });
      const responseHeaders = response.headers as Record<string, string | undefined>;
      return {
        status: 'ok',
        request,
        data: response.status === 204 ? null : (response.data as unknown),
        validators: { key, etag: responseHeaders.etag ?? null, lastModified: responseHeaders['last-modified'] ?? null },
        hasNextPage: /\brel="next"/.test(responseHeaders.link ?? ''),
        rateLimit: rateLimitFromHeaders(responseHeaders),
      };
    } catch (error) {
      if (isGithubRequestError(error) && (error.status === 304 || error.status === 404)) {
        const rateLimit = rateLimitFromHeaders(error.response?.headers);
        return error.status === 304
          ? { status: 'not-modified', request, rateLimit }
          : { status: 'not-found', request, rateLimit };
      }
      throw this.translate(error, request);
    }
  }

  private translate(error: unknown, request: string): unknown {
    return githubError(error, this.context(request));
  }

  private context(request: string) {
    return { request, authenticated: this.authenticated, maxWaitSeconds: this.maxWaitSeconds };
  }
}
