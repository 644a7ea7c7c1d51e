// A local HTTP server that speaks the parts of GitHub's REST API ingestion reads, with the documented bodies
// (test/fixtures/github) and headers: ETags and If-None-Match → 304, x-ratelimit-* on every answer, Link pagination,
// 401 for a refused token and 404 for what does not exist. Tests script failures on top (`failNext`): rate limits
// with reset headers, 5xx, malformed bodies. Every request is recorded. Tests never reach the real GitHub.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIXTURES = new URL('../fixtures/github/', import.meta.url);
type Json = Record<string, unknown>;
export const githubFixture = <T extends object = Json>(name: string): T =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
export const GITHUB_ERRORS = githubFixture<Record<string, Json>>('errors.json');

export interface FakeRepository {
  body: Json;
  languages: unknown;
  contributors: unknown;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly status: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is (malformed bodies). */
  body?: unknown;
}

export interface RepositoryOptions {
  stars?: number;
  pushedAt?: string;
  description?: string | null;
  language?: string | null;
  topics?: string[] | undefined;
  ownerType?: 'User' | 'Organization';
  languages?: unknown;
  contributors?: Array<{ login: string; contributions: number; type?: string }>;
  /** Fields replaced or added as they are (invalid values for validation tests). */
  raw?: Json;
}

const key = (value: string) => value.toLowerCase();

export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  readonly repositories = new Map<string, FakeRepository>();
  readonly users = new Map<string, Json>();
  /** Tokens accepted; a request with any other token answers 401. Unauthenticated requests are always served. */
  validTokens = new Set(['ghp_valid']);
  rateLimit = { limit: 5000, remaining: 4999, resetAt: Math.floor(Date.now() / 1000) + 3600 };
  private readonly scripted: Array<{ match: RegExp; times: number; response: ScriptedResponse }> = [];
  private nextId = 1000;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeGithub> {
    const server = createServer();
    const fake = new FakeGithub(server);
    server.on('request', (request, response) => fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serves a repository built from the documented example, and its owner's profile. */
  addRepository(fullName: string, options: RepositoryOptions = {}): FakeRepository {
    const [owner = '', name = ''] = fullName.split('/');
    const template = githubFixture('repository.json');
    const body: Json = {
      ...template,
      id: this.nextId++,
      name,
      full_name: fullName,
      owner: { ...(template.owner as Json), login: owner, type: options.ownerType ?? 'User' },
      html_url: `https://github.com/${fullName}`,
      stargazers_count: options.stars ?? 80,
      pushed_at: options.pushedAt ?? '2011-01-26T19:06:43Z',
      description: options.description === undefined ? `The ${name} repository` : options.description,
      language: options.language === undefined ? 'C' : options.language,
      topics: 'topics' in options ? options.topics : ['octocat', 'api'],
      ...options.raw,
    };
    if (body.topics === undefined) delete body.topics; // as older GitHub Enterprise versions answer
    const repository = {
      body,
      languages: options.languages ?? githubFixture('languages.json'),
      contributors: (options.contributors ?? [{ login: owner, contributions: 32 }]).map((c) => ({
        ...githubFixture<Json[]>('contributors.json')[0],
        login: c.login,
        type: c.type ?? 'User',
        contributions: c.contributions,
      })),
    };
    this.repositories.set(key(fullName), repository);
    if (!this.users.has(key(owner))) this.addUser(owner, { type: options.ownerType ?? 'User' });
    return repository;
  }

  addUser(login: string, fields: Json = {}): Json {
    const user = { ...githubFixture('user.json'), login, id: this.nextId++, name: `${login} (name)`, ...fields };
    this.users.set(key(login), user);
    return user;
  }

  /** The next `times` requests whose path (with query) matches answer with `response` instead. */
  failNext(match: RegExp, response: ScriptedResponse, times = 1): void {
    this.scripted.push({ match, times, response });
  }

  /** Requests to paths matching `pattern` (the access check and such excluded unless they match). */
  requestsTo(pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => pattern.test(`${r.path}${r.query.size ? `?${r.query}` : ''}`));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        status,
      });
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`;
      const notModified = status === 200 && request.headers['if-none-match'] === etag;
      response.writeHead(notModified ? 304 : status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': `FAKE:${this.requests.length}`,
        'x-ratelimit-limit': String(this.rateLimit.limit),
        'x-ratelimit-remaining': String(this.rateLimit.remaining),
        'x-ratelimit-reset': String(this.rateLimit.resetAt),
        'x-ratelimit-resource': 'core',
        ...(status === 200 ? { etag } : {}),
        ...headers,
      });
      if (notModified) this.requests[this.requests.length - 1] = { ...this.requests.at(-1)!, status: 304 };
      response.end(notModified ? undefined : text);
    };

    const pathWithQuery = `${url.pathname}${url.search}`;
    const scripted = this.scripted.find((s) => s.times > 0 && s.match.test(pathWithQuery));
    if (scripted) {
      scripted.times -= 1;
      return send(scripted.response.status, scripted.response.body, scripted.response.headers);
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token !== undefined && !this.validTokens.has(token)) return send(401, GITHUB_ERRORS.badCredentials);
    this.route(url, send);
  }

  private route(url: URL, send: (status: number, body?: unknown, headers?: Record<string, string>) => void): void {
    const path = url.pathname;
    const notFound = () => send(404, GITHUB_ERRORS.notFound);
    if (path === '/rate_limit') {
      const core = {
        limit: this.rateLimit.limit,
        used: 1,
        remaining: this.rateLimit.remaining,
        reset: this.rateLimit.resetAt,
      };
      return send(200, { ...githubFixture<Json>('rate-limit.json'), resources: { core }, rate: core });
    }
    let match = /^\/repos\/([^/]+)\/([^/]+)(?:\/(topics|languages|contributors))?$/.exec(path);
    if (match) {
      const repository = this.repositories.get(key(`${match[1]}/${match[2]}`));
      if (!repository) return notFound();
      if (match[3] === 'languages') return send(200, repository.languages);
      if (match[3] === 'topics') return send(200, { names: repository.body.topics ?? [] });
      if (match[3] === 'contributors') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        return send(
          200,
          Array.isArray(repository.contributors) ? repository.contributors.slice(0, perPage) : repository.contributors,
        );
      }
      return send(200, repository.body);
    }
    match = /^\/users\/([^/]+)(\/repos)?$/.exec(path);
    if (match) {
      const user = this.users.get(key(match[1] ?? ''));
      if (!user) return notFound();
      if (!match[2]) return send(200, user);
      const owner = key(match[1] ?? '');
      const owned = this.sorted((r) => key((r.body.owner as Json).login as string) === owner, 'pushed_at');
      return this.page(url, owned, (items, headers) => send(200, items, headers));
    }
    if (path === '/search/repositories') {
      const terms = (url.searchParams.get('q') ?? '').split(/\s+/).filter(Boolean);
      const found = this.sorted((r) => terms.every((term) => matches(r.body, term)), 'stargazers_count');
      return this.page(url, found, (items, headers) =>
        send(200, { total_count: found.length, incomplete_results: false, items }, headers),
      );
    }
    notFound();
  }

  private sorted(filter: (r: FakeRepository) => boolean, field: string): Json[] {
    return [...this.repositories.values()]
      .filter(filter)
      .map((r) => r.body)
      .sort((a, b) => String(b[field]).localeCompare(String(a[field]), 'en', { numeric: true }));
  }

  /** One page of `items` with GitHub's Link header. */
  private page(url: URL, items: Json[], send: (items: Json[], headers: Record<string, string>) => void): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    send(slice, headers);
  }
}

/** A search term: `pushed:>=ISO`, `user:login`, or a word of the name or description. */
function matches(body: Json, term: string): boolean {
  const pushed = /^pushed:>=(.+)$/.exec(term);
  if (pushed) return Date.parse(String(body.pushed_at)) >= Date.parse(pushed[1] ?? '');
  const user = /^user:(.+)$/.exec(term);
  if (user) return key(String((body.owner as Json).login)) === key(user[1] ?? '');
  return `${String(body.full_name)} ${String(body.description)}`.toLowerCase().includes(term.toLowerCase());
}
