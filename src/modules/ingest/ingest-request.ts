// What an ingestion is asked to do, validated once for every caller (mutation, CLI): exactly one source
// (repositories by full name, an owner's repositories, or a search), how much to fetch, and what to refresh.
// A bad value is a BAD_USER_INPUT naming the field, what it accepts and what it got.
import { z } from 'zod';
import { badInput } from '../../errors.js';
import { expected, fullName, login, nameKey, show } from '../import/index.js';

export const MAX_REPOSITORIES = 1000; // GitHub's search serves at most 1000 results; one run stays bounded
export const DEFAULT_MAX_REPOSITORIES = 100;
export const MAX_CONTRIBUTORS = 100; // one page of GET /repos/{owner}/{repo}/contributors
export const DEFAULT_CONTRIBUTORS = 10;
const MAX_QUERY_CHARS = 256; // GitHub refuses longer search queries

export const PROFILE_SCOPES = ['NONE', 'OWNERS', 'OWNERS_AND_CONTRIBUTORS'] as const;
/** Whose user profiles (GET /users/{login}) a run fetches. */
export type ProfileScope = (typeof PROFILE_SCOPES)[number];

export type IngestSource =
  | { readonly kind: 'fullNames'; readonly fullNames: readonly string[] }
  | { readonly kind: 'owner'; readonly owner: string }
  | { readonly kind: 'query'; readonly query: string };

export interface IngestRequest {
  readonly source: IngestSource;
  /** At most this many repositories from an owner or a search (fullNames are all taken). */
  readonly maxRepositories: number;
  readonly includeContributors: boolean;
  readonly contributorsPerRepository: number;
  readonly profiles: ProfileScope;
  /** Only repositories pushed at or after this instant. */
  readonly refreshSince: Date | null;
  /** refreshSince = when the last successful run of the same source started. */
  readonly incremental: boolean;
}

const whole = (min: number, max: number) => {
  const error = expected(`a whole number from ${min} to ${max}`);
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const instant = z
  .union([z.date(), z.string()], { error: expected('an ISO 8601 date-time such as "2024-01-05T00:00:00Z"') })
  .transform((value, context): Date => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value))) {
      context.addIssue({ code: 'custom', message: `expected an ISO 8601 date-time, got ${show(value)}` });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      context.addIssue({ code: 'custom', message: `must not be in the future, got ${date.toISOString()}` });
    }
    return date;
  });

const schema = z
  .object(
    {
      fullNames: z
        .array(fullName(), { error: expected('a list of repository full names') })
        .min(1, { error: 'must name at least one repository' })
        .max(MAX_REPOSITORIES, { error: `at most ${MAX_REPOSITORIES} repositories per run` })
        .nullish(),
      owner: login('a GitHub user or organization login such as "octocat"').nullish(),
      query: z
        .string({ error: expected('a GitHub search query such as "language:go stars:>1000"') })
        .trim()
        .min(1, { error: 'must not be empty' })
        .max(MAX_QUERY_CHARS, { error: `at most ${MAX_QUERY_CHARS} characters (GitHub's limit)` })
        .nullish(),
      maxRepositories: whole(1, MAX_REPOSITORIES).nullish(),
      includeContributors: z.boolean({ error: expected('true or false') }).nullish(),
      contributorsPerRepository: whole(1, MAX_CONTRIBUTORS).nullish(),
      profiles: z.enum(PROFILE_SCOPES, { error: expected(PROFILE_SCOPES.join(', ')) }).nullish(),
      refreshSince: instant.nullish(),
      incremental: z.boolean({ error: expected('true or false') }).nullish(),
    },
    { error: 'expected an object' },
  )
  .superRefine((input, context) => {
    const given = (['fullNames', 'owner', 'query'] as const).filter((key) => input[key] != null);
    if (given.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: [given[1] ?? 'fullNames'],
        message:
          given.length === 0
            ? 'give exactly one of fullNames, owner or query'
            : `give exactly one of fullNames, owner or query, not ${given.join(' and ')}`,
      });
    }
    if (input.refreshSince != null && input.incremental) {
      context.addIssue({
        code: 'custom',
        path: ['incremental'],
        message: 'give refreshSince or incremental, not both (incremental picks refreshSince itself)',
      });
    }
  });

/** Validates and normalises `input`; throws BAD_USER_INPUT naming the first bad field. */
export function parseIngestRequest(input: unknown): IngestRequest {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const field = fieldPath(issues[0]?.path ?? []);
    const message = issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`).join('; ');
    throw badInput(`Invalid ingestFromGithub input: ${message}`, { field });
  }
  const value = parsed.data;
  let source: IngestSource;
  if (value.fullNames) {
    // GitHub names are case-insensitive: "Octocat/Hello-World" and "octocat/hello-world" are one repository.
    const unique = new Map(value.fullNames.map((name) => [nameKey(name), name]));
    source = { kind: 'fullNames', fullNames: [...unique.values()] };
  } else if (value.owner) source = { kind: 'owner', owner: value.owner };
  else source = { kind: 'query', query: value.query ?? '' };
  return {
    source,
    maxRepositories: value.maxRepositories ?? DEFAULT_MAX_REPOSITORIES,
    includeContributors: value.includeContributors ?? true,
    contributorsPerRepository: value.contributorsPerRepository ?? DEFAULT_CONTRIBUTORS,
    profiles: value.profiles ?? 'OWNERS',
    refreshSince: value.refreshSince ?? null,
    incremental: value.incremental ?? false,
  };
}

/**
 * Which source a request reads, as one string: what `incremental` matches earlier runs by. Case and order of full
 * names do not matter, like on GitHub.
 */
export function sourceKey(source: IngestSource): string {
  if (source.kind === 'fullNames') return `fullNames:${source.fullNames.map(nameKey).sort().join(',')}`;
  if (source.kind === 'owner') return `owner:${nameKey(source.owner)}`;
  return `query:${source.query}`;
}

/** The request as JSON: the pipeline run's params. */
export function requestParams(request: IngestRequest): Record<string, unknown> {
  return {
    ...request,
    sourceKey: sourceKey(request.source),
    refreshSince: request.refreshSince?.toISOString() ?? null,
  };
}

/**
 * The request a run's stored params describe (what `requestParams` wrote), validated again: params come back from
 * the database, possibly written by another process or an older version.
 */
export function requestFromParams(params: unknown): IngestRequest {
  const stored = (params ?? {}) as Record<string, unknown>;
  const source = (stored.source ?? {}) as Record<string, unknown>;
  return parseIngestRequest({
    fullNames: source.kind === 'fullNames' ? source.fullNames : undefined,
    owner: source.kind === 'owner' ? source.owner : undefined,
    query: source.kind === 'query' ? source.query : undefined,
    maxRepositories: stored.maxRepositories,
    includeContributors: stored.includeContributors,
    contributorsPerRepository: stored.contributorsPerRepository,
    profiles: stored.profiles,
    refreshSince: stored.refreshSince,
    incremental: stored.incremental,
  });
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'input';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
