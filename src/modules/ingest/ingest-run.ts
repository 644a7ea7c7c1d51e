// One ingestion in progress: fetches what each repository needs (its body, topics, languages, contributors and
// profiles), checks every record, and gathers them into batches written one transaction at a time. Requests are
// sent one after another, as GitHub asks of integrators (parallel requests trigger its secondary limits).
import type { Database } from '../../infra/db/index.js';
import type { FetchOptions, FetchResult, GithubApi, Validators } from '../../infra/github/index.js';
import { nameKey, type UserRecord } from '../import/index.js';
import {
  contributorsFromGithub,
  languagesFromGithub,
  profileFromGithub,
  repositoryFromGithub,
  topicNamesFromGithub,
  userFromGithubSummary,
} from './github-records.js';
import { IngestBatch } from './ingest-batch.js';
import type { IngestRequest } from './ingest-request.js';
import { IngestTally, type IngestKind } from './ingest-summary.js';

/** A repository to ingest: by name (fetched with GET /repos/…), or a body a list or a search already gave. */
export type Candidate =
  | { readonly kind: 'name'; readonly fullName: string }
  | { readonly kind: 'body'; readonly body: unknown; readonly request: string; readonly index: number };

export interface IngestRunOptions {
  readonly db: Database;
  readonly github: GithubApi;
  readonly request: IngestRequest;
  readonly since: Date | null;
  readonly signal: AbortSignal;
  /** Repositories per transaction. */
  readonly batchSize: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class IngestRun {
  readonly tally = new IngestTally();
  private batch = new IngestBatch();
  /** Logins whose profile this run fetched, and logins it already wrote a summary (login, type) for. */
  private readonly profiled = new Set<string>();
  private readonly summarised = new Set<string>();

  constructor(private readonly options: IngestRunOptions) {}

  get github(): GithubApi {
    return this.options.github;
  }

  /** Sends one request; counts it, and keeps the rate limit GitHub reported. */
  async fetch(call: (options: FetchOptions) => Promise<FetchResult>): Promise<FetchResult> {
    this.options.signal.throwIfAborted();
    const result = await call({ signal: this.options.signal });
    this.tally.requests.sent += 1;
    if (result.status === 'not-modified') this.tally.requests.notModified += 1;
    if (result.status === 'not-found') this.tally.requests.notFound += 1;
    if (result.rateLimit)
      this.tally.rateLimit = { ...result.rateLimit, resetAt: result.rateLimit.resetAt.toISOString() };
    return result;
  }

  /** Ingests one repository, then writes the batch when it is full. */
  async repository(candidate: Candidate): Promise<void> {
    if (candidate.kind === 'name') await this.byName(candidate.fullName);
    else {
      const name = isObject(candidate.body) ? candidate.body.full_name : undefined;
      const item = typeof name === 'string' ? name : `${candidate.request} items[${candidate.index}]`;
      await this.fromBody(candidate.body, item, [candidate.request]);
    }
    if (this.batch.size >= this.options.batchSize) await this.flush();
  }

  /** Writes what is gathered (the last, partial batch). */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = new IngestBatch();
    await batch.write(this.options.db, this.options.github, this.tally);
  }

  /** A user's whole profile, once per run. Returns GitHub's answer (null when fetched before in this run). */
  async profile(login: string): Promise<FetchResult | null> {
    const key = nameKey(login);
    if (this.profiled.has(key)) return null;
    this.profiled.add(key);
    const result = await this.fetch((o) => this.options.github.user(login, o));
    if (result.status === 'not-found')
      this.reject('users', `user ${login}`, result.request, 'not found on GitHub (404)');
    else if (result.status === 'not-modified') this.tally.unchanged('users');
    else {
      const profile = profileFromGithub(result.data);
      if (!profile.ok) this.reject('users', `user ${login}`, result.request, profile.reason);
      else {
        this.batch.addUser(profile.value, `user ${login}`, result.request, true);
        this.batch.addValidators(result.validators);
        this.summarised.add(key);
      }
    }
    return result;
  }

  private async byName(fullName: string): Promise<void> {
    const [owner = '', repo = ''] = fullName.split('/');
    const result = await this.fetch((o) => this.options.github.repository(owner, repo, o));
    if (result.status === 'not-found') {
      const why = 'not found on GitHub (404): it does not exist, was deleted, or is private to this token';
      return this.reject('repositories', fullName, result.request, why);
    }
    if (result.status === 'not-modified') {
      // Unchanged since it was stored (with its languages: they only change with a push, which changes the
      // repository). Contributors and profiles have validators of their own.
      this.tally.unchanged('repositories');
      return this.related(fullName, owner);
    }
    await this.fromBody(result.data, fullName, [result.request], result.validators);
  }

  private async fromBody(body: unknown, item: string, requests: string[], validators?: Validators): Promise<void> {
    const fetchedAt = new Date();
    const pending = validators ? [validators] : [];
    let topics: unknown;
    if (isObject(body) && body.topics === undefined && typeof body.full_name === 'string') {
      // Older GitHub Enterprise versions leave topics out of repository bodies.
      const [owner = '', repo = ''] = body.full_name.split('/');
      const result = await this.fetch((o) => this.options.github.repositoryTopics(owner, repo, o));
      if (result.status === 'ok') {
        topics = topicNamesFromGithub(result.data);
        requests.push(result.request);
        pending.push(result.validators);
      }
    }
    const checked = repositoryFromGithub(body, { fetchedAt, topics });
    if (!checked.ok) return this.reject('repositories', item, requests[0] ?? '', checked.reason);
    let record = checked.value;
    const since = this.options.since;
    if (since && record.pushedAt && record.pushedAt < since) {
      this.tally.skipped += 1;
      return;
    }

    const result = await this.fetch((o) => this.options.github.repositoryLanguages(record.owner, record.name, o));
    if (result.status === 'ok') {
      const languages = languagesFromGithub(result.data);
      if (!languages.ok) return this.reject('repositories', item, result.request, languages.reason);
      record = { ...record, languages: languages.value };
      requests.push(result.request);
      pending.push(result.validators);
    } // 304: the stored breakdown is current (null keeps it); 404: the repository went away meanwhile

    this.batch.addRepository(record, requests);
    for (const v of pending) this.batch.addValidators(v);
    const owner = isObject(body) ? userFromGithubSummary(body.owner) : null;
    if (owner?.ok) this.summary(owner.value, requests[0] ?? '');
    await this.related(record.fullName, record.owner);
  }

  /** A repository's owner profile, contributors and their profiles, as the request asks. */
  private async related(fullName: string, owner: string): Promise<void> {
    const { profiles, includeContributors, contributorsPerRepository } = this.options.request;
    if (profiles !== 'NONE') await this.profile(owner);
    if (!includeContributors) return;
    const [ownerName = '', repo = ''] = fullName.split('/');
    const result = await this.fetch((o) =>
      this.options.github.repositoryContributors(ownerName, repo, contributorsPerRepository, o),
    );
    if (result.status !== 'ok') return; // 304: the stored contributions are current
    const checked = contributorsFromGithub(result.data, fullName);
    if (!checked.ok) return this.reject('contributions', `${fullName} contributors`, result.request, checked.reason);
    let complete = true;
    for (const { index, result: entry } of checked.value) {
      const item = `${fullName} contributors[${index}]`;
      if (!entry.ok) {
        this.reject('contributions', item, result.request, entry.reason);
        complete = false;
        continue;
      }
      this.summary(entry.value.user, result.request);
      this.batch.addContribution(entry.value.contribution, item, result.request);
    }
    if (complete) this.batch.addValidators(result.validators);
    if (profiles === 'OWNERS_AND_CONTRIBUTORS') {
      for (const { result: entry } of checked.value) if (entry.ok) await this.profile(entry.value.user.login);
    }
  }

  /** A user GitHub summarised (login, type): written once per run, unless a whole profile is written instead. */
  private summary(user: UserRecord, request: string): void {
    const key = nameKey(user.login);
    if (this.summarised.has(key)) return;
    this.summarised.add(key);
    this.batch.addUser(user, `user ${user.login}`, request, false);
  }

  private reject(kind: IngestKind, item: string, request: string, reason: string): void {
    this.tally.reject({ kind, item, request, reason });
  }
}
