// GitHub's REST bodies as the import's records, validated by the import's own schemas before anything reaches the
// database. GitHub's field names are renamed to the record's (stargazers_count → stars) and back again in
// messages, so a rejection names the field as GitHub sent it: "stargazers_count: expected a whole number …".
import { z } from 'zod';
import {
  contributionRecord,
  expected,
  repositoryRecord,
  show,
  userProfileRecord,
  userRecord,
  type ContributionRecord,
  type RepositoryRecord,
  type UserRecord,
} from '../import/index.js';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Record field → GitHub field, for messages. Fields not listed are spelled alike. */
const REPOSITORY_FIELDS: Record<string, string> = {
  fullName: 'full_name',
  owner: 'owner.login',
  stars: 'stargazers_count',
  forks: 'forks_count',
  url: 'html_url',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  pushedAt: 'pushed_at',
  openIssues: 'open_issues_count',
  githubId: 'id',
};
const USER_FIELDS: Record<string, string> = {
  publicRepos: 'public_repos',
  createdAt: 'created_at',
  avatarUrl: 'avatar_url',
};

/** "field: why; other[2]: why", with GitHub's field names. */
function describe(error: z.ZodError, fields: Record<string, string>): string {
  return error.issues
    .map((issue) => {
      const [first, ...rest] = issue.path;
      const head = first === undefined ? 'body' : (fields[String(first)] ?? String(first));
      const tail = rest.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
      return `${head}${tail}: ${issue.message}`;
    })
    .join('; ');
}

function check<T>(schema: z.ZodType<T, unknown>, input: unknown, fields: Record<string, string>): Checked<T> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describe(parsed.error, fields) };
}

/** A body that is not a JSON object: GitHub sent something else (an HTML error page, truncated JSON). */
export function notAnObject(body: unknown): string {
  const what = typeof body === 'string' ? `text ${show(body)}` : show(body);
  return `response body is not a JSON object: got ${what}`;
}

/** GitHub's license object: its SPDX id, or its name when GitHub could not tell ("NOASSERTION"). */
function licenseOf(license: unknown): unknown {
  if (!isObject(license)) return license;
  const spdx = license.spdx_id;
  return typeof spdx === 'string' && spdx !== 'NOASSERTION' ? spdx : license.name;
}

/** GitHub keeps the website field as free text; only an http(s) URL is a homepage. */
function homepageOf(homepage: unknown): unknown {
  return typeof homepage === 'string' && !/^https?:\/\/\S+$/i.test(homepage.trim()) ? null : homepage;
}

export interface RepositoryExtras {
  /** When the body was fetched: the moment its stars and forks were observed. */
  readonly fetchedAt: Date;
  /** Topic names from GET …/topics, for bodies that carry none. */
  readonly topics?: unknown;
}

/** A repository body (GET /repos/{owner}/{repo}, or an item of a list or a search) as a record. */
export function repositoryFromGithub(body: unknown, extras: RepositoryExtras): Checked<RepositoryRecord> {
  if (!isObject(body)) return { ok: false, reason: notAnObject(body) };
  const input = {
    fullName: body.full_name,
    owner: isObject(body.owner) ? body.owner.login : undefined,
    name: body.name,
    description: body.description,
    language: body.language,
    topics: body.topics ?? extras.topics,
    stars: body.stargazers_count,
    forks: body.forks_count,
    license: licenseOf(body.license),
    url: body.html_url,
    homepage: homepageOf(body.homepage),
    createdAt: body.created_at,
    updatedAt: body.updated_at,
    pushedAt: body.pushed_at,
    openIssues: body.open_issues_count,
    githubId: body.id,
    statsAsOf: extras.fetchedAt.toISOString(),
  };
  return check(repositoryRecord, input, REPOSITORY_FIELDS);
}

/** Topic names of GET /repos/{owner}/{repo}/topics: {names: [...]}, or unknown (undefined) when malformed. */
export function topicNamesFromGithub(body: unknown): unknown {
  return isObject(body) ? body.names : undefined;
}

const languagesSchema = z.record(
  z.string().trim().min(1, { error: 'a language name must not be empty' }).max(100),
  z
    .number({ error: expected('a byte count') })
    .int({ error: expected('a whole byte count') })
    .min(0, { error: expected('a byte count ≥ 0') })
    .refine(Number.isSafeInteger, { error: expected('a byte count below 2^53') }),
  { error: (issue) => notAnObject(issue.input) },
);

/** GET /repos/{owner}/{repo}/languages: {"C": 78769, ...}. */
export function languagesFromGithub(body: unknown): Checked<Readonly<Record<string, number>>> {
  const checked = check(languagesSchema, body, {});
  return checked.ok ? checked : { ok: false, reason: `languages: ${checked.reason}` };
}

/** GET /users/{login}: the whole profile. */
export function profileFromGithub(body: unknown): Checked<UserRecord> {
  if (!isObject(body)) return { ok: false, reason: notAnObject(body) };
  return check(
    userProfileRecord,
    {
      login: body.login,
      type: body.type,
      publicRepos: body.public_repos,
      followers: body.followers,
      following: body.following,
      createdAt: body.created_at,
      name: body.name,
      bio: body.bio,
      company: body.company,
      location: body.location,
      avatarUrl: body.avatar_url,
    },
    USER_FIELDS,
  );
}

/** The short user object GitHub embeds (a repository's `owner`, a contributor): login and type only. */
export function userFromGithubSummary(body: unknown): Checked<UserRecord> {
  if (!isObject(body)) return { ok: false, reason: notAnObject(body) };
  return check(userRecord, { login: body.login, type: body.type }, USER_FIELDS);
}

export interface CheckedContributor {
  readonly index: number;
  readonly result: Checked<{ readonly user: UserRecord; readonly contribution: ContributionRecord }>;
}

/**
 * GET /repos/{owner}/{repo}/contributors: each entry checked on its own, so one bad entry is reported and skipped
 * while the others are kept. Anonymous entries (no login) cannot be stored and are left out.
 */
export function contributorsFromGithub(body: unknown, repository: string): Checked<CheckedContributor[]> {
  if (body === null) return { ok: true, value: [] }; // 204: an empty repository has no contributors
  if (!Array.isArray(body)) {
    const what = typeof body === 'string' ? `text ${show(body)}` : show(body);
    return { ok: false, reason: `response body is not a JSON list: got ${what}` };
  }
  const entries = body.flatMap((entry: unknown, index): CheckedContributor[] => {
    if (isObject(entry) && entry.login === undefined && entry.type === 'Anonymous') return [];
    const user = userFromGithubSummary(entry);
    if (!user.ok) return [{ index, result: user }];
    const contribution = check(
      contributionRecord,
      { user: user.value.login, repo: repository, type: 'contributed', weight: (entry as Json).contributions },
      { weight: 'contributions' },
    );
    if (!contribution.ok) return [{ index, result: contribution }];
    return [{ index, result: { ok: true, value: { user: user.value, contribution: contribution.value } } }];
  });
  return { ok: true, value: entries };
}
