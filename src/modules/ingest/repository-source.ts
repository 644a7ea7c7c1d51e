// Which repositories a run ingests, one candidate at a time: the full names it was given; an owner's repositories,
// most recently pushed first (a refresh stops at the first one pushed before `since`); or a search (a refresh adds
// GitHub's `pushed:>=` qualifier). Listing pages are fetched lazily, so a capped run never lists more than it takes.
import { AppError, ErrorCode, notFound } from '../../errors.js';
import { show } from '../import/index.js';
import type { Candidate, IngestRun } from './ingest-run.js';
import type { IngestRequest } from './ingest-request.js';

const PAGE_SIZE = 100; // GitHub's largest page

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface SourceContext {
  readonly run: IngestRun;
  readonly request: IngestRequest;
  readonly since: Date | null;
  /** Called once the number of repositories to expect is known (or estimated). */
  onTotal(total: number): void;
}

export function repositoryCandidates(context: SourceContext): AsyncGenerator<Candidate> {
  const { source } = context.request;
  if (source.kind === 'fullNames') return named(source.fullNames, context);
  if (source.kind === 'owner') return ownerRepositories(source.owner, context);
  return searchResults(source.query, context);
}

async function* named(fullNames: readonly string[], context: SourceContext): AsyncGenerator<Candidate> {
  context.onTotal(fullNames.length);
  for (const fullName of fullNames) yield { kind: 'name', fullName };
}

async function* ownerRepositories(owner: string, context: SourceContext): AsyncGenerator<Candidate> {
  const { run, request, since } = context;
  // The owner's profile first: it says whether the owner exists at all, and how many repositories to expect.
  const profile =
    request.profiles === 'NONE'
      ? await run.fetch((o) => run.github.user(owner, { ...o, conditional: false }))
      : await run.profile(owner);
  if (profile?.status === 'not-found') {
    throw notFound(`GitHub has no user or organization "${owner}"`, { field: 'owner' });
  }
  if (profile?.status === 'ok') {
    const publicRepos = isObject(profile.data) ? profile.data.public_repos : undefined;
    if (typeof publicRepos === 'number') context.onTotal(Math.min(publicRepos, request.maxRepositories));
  }
  let taken = 0;
  const perPage = Math.min(PAGE_SIZE, request.maxRepositories);
  for (let page = 1; ; page++) {
    const result = await run.fetch((o) => run.github.ownerRepositories(owner, page, perPage, o));
    if (result.status !== 'ok') throw notFound(`GitHub has no user or organization "${owner}"`, { field: 'owner' });
    const items = listOf(result.data, result.request);
    for (const [index, body] of items.entries()) {
      if (taken >= request.maxRepositories) return;
      const pushedAt = isObject(body) ? body.pushed_at : undefined;
      // Most recently pushed first: the first one older than `since` ends the refresh.
      if (since && typeof pushedAt === 'string' && Date.parse(pushedAt) < since.getTime()) return;
      taken += 1;
      yield { kind: 'body', body, request: result.request, index };
    }
    if (!result.hasNextPage || items.length === 0 || taken >= request.maxRepositories) return;
  }
}

async function* searchResults(query: string, context: SourceContext): AsyncGenerator<Candidate> {
  const { run, request, since } = context;
  // Whole seconds in UTC: GitHub's qualifier syntax, and no "+" (which a query string reads as a space).
  const q = since ? `${query} pushed:>=${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}` : query;
  let taken = 0;
  const perPage = Math.min(PAGE_SIZE, request.maxRepositories);
  for (let page = 1; ; page++) {
    const result = await run.fetch((o) => run.github.searchRepositories(q, page, perPage, o));
    if (result.status !== 'ok') return;
    const body = isObject(result.data) ? result.data : null;
    const items = listOf(body ? body.items : result.data, result.request);
    if (page === 1 && typeof body?.total_count === 'number') {
      context.onTotal(Math.min(body.total_count, request.maxRepositories));
    }
    if (body?.incomplete_results === true && page === 1) {
      run.tally.warnings.push(
        `GitHub's search timed out on ${result.request} and returned incomplete results: a narrower query finds more`,
      );
    }
    for (const [index, item] of items.entries()) {
      if (taken >= request.maxRepositories) return;
      taken += 1;
      yield { kind: 'body', body: item, request: result.request, index };
    }
    if (!result.hasNextPage || items.length === 0 || taken >= request.maxRepositories) return;
  }
}

/**
 * A listing's items. A page that is not a list cannot be read item by item, so the run stops there (GitHub sent
 * an error page or a truncated body); what earlier batches wrote stays, and a re-run continues.
 */
function listOf(value: unknown, request: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new AppError(
    ErrorCode.INTERNAL,
    `GitHub answered ${request} with a body that is not a list of repositories (got ${show(value)}). ` +
      'Run the ingestion again to complete it: batches written so far are kept.',
    { reason: 'GITHUB_MALFORMED_RESPONSE' },
  );
}
