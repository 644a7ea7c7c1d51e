// Record validation: what each kind of line must look like, how values are normalised, and what a rejected line
// is told (the field, what was expected, what came).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeIssues } from '../../../src/modules/import/fields.js';
import { contributionRecord } from '../../../src/modules/import/records/contribution.record.js';
import { provenanceRecord } from '../../../src/modules/import/records/provenance.record.js';
import { repositoryRecord } from '../../../src/modules/import/records/repository.record.js';
import { topicRecord } from '../../../src/modules/import/records/topic.record.js';
import { userRecord } from '../../../src/modules/import/records/user.record.js';

function parse<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`expected a valid record, got: ${describeIssues(result.error)}`);
  return result.data;
}

function rejection(schema: z.ZodType<unknown, unknown>, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return describeIssues(result.error);
}

const repo = { fullName: 'octocat/hello', owner: 'octocat', name: 'hello', stars: 1, forks: 2 };

describe('Import: user lines', () => {
  it('maps GitHub account types to the enum and keeps null as unknown', () => {
    expect(parse(userRecord, { login: 'a', type: 'User' }).type).toBe('USER');
    expect(parse(userRecord, { login: 'a', type: 'Organization' }).type).toBe('ORGANIZATION');
    expect(parse(userRecord, { login: 'dependabot[bot]', type: 'Bot' }).type).toBe('BOT');
    expect(parse(userRecord, { login: 'a', type: null }).type).toBeNull();
    expect(parse(userRecord, { login: 'a' }).type).toBeNull();
  });

  it('trims the login, reads createdAt as a Date and ignores unknown keys', () => {
    expect(parse(userRecord, { login: '  octocat ', createdAt: '2011-01-25T18:44:36Z', numInteractions: 3 })).toEqual({
      login: 'octocat',
      type: null,
      publicRepos: null,
      followers: null,
      following: null,
      createdAt: new Date('2011-01-25T18:44:36Z'),
    });
  });

  it('names the field, what it expects and what it got', () => {
    expect(rejection(userRecord, { login: 'octocat', type: 'Alien' })).toBe(
      'type: expected "User", "Organization", "Bot" or null, got "Alien"',
    );
    expect(rejection(userRecord, { login: 'octocat', followers: 1.5 })).toBe(
      'followers: expected a whole number from 0 to 2147483647, got 1.5',
    );
    expect(rejection(userRecord, { login: 'no spaces allowed' })).toBe(
      'login: expected a GitHub login such as "octocat", got "no spaces allowed"',
    );
  });

  it('says a required field is missing, and that a line must be an object', () => {
    expect(rejection(userRecord, { type: 'User' })).toBe(
      'login: is missing (expected a GitHub login such as "octocat")',
    );
    expect(rejection(userRecord, [1, 2])).toBe('line: expected a JSON object');
    expect(rejection(userRecord, 'octocat')).toBe('line: expected a JSON object');
  });

  it('lists every problem of a line, separated by semicolons', () => {
    expect(rejection(userRecord, { login: 'octocat', followers: -1, createdAt: 'yesterday' })).toBe(
      'followers: expected a whole number from 0 to 2147483647, got -1; ' +
        'createdAt: expected an ISO 8601 date such as "2023-12-13T18:09:58Z" or "2024-01-05", got "yesterday"',
    );
  });
});

describe('Import: repository lines', () => {
  it('derives owner and name from fullName and normalises text and topics', () => {
    const record = parse(repositoryRecord, {
      fullName: 'octocat/hello',
      description: '  Hello  ',
      language: '',
      topics: ['Demo', 'demo', 'web '],
      stars: 1,
      forks: 2,
    });
    expect(record).toMatchObject({
      owner: 'octocat',
      name: 'hello',
      description: 'Hello',
      language: null,
      topics: ['demo', 'web'],
    });
  });

  it('keeps [] (observed: no topics) apart from null (unknown)', () => {
    expect(parse(repositoryRecord, { ...repo, topics: [] }).topics).toEqual([]);
    expect(parse(repositoryRecord, { ...repo, topics: null }).topics).toBeNull();
    expect(parse(repositoryRecord, repo).topics).toBeNull();
  });

  it('accepts the provenance fields, absent meaning unknown', () => {
    const record = parse(repositoryRecord, {
      ...repo,
      githubId: 1296269,
      formerNames: ['octocat/old'],
      statsAsOf: '2024-01-05',
    });
    expect(record).toMatchObject({
      githubId: '1296269',
      formerNames: ['octocat/old'],
      statsAsOf: new Date('2024-01-05T00:00:00Z'),
    });
    expect(parse(repositoryRecord, repo)).toMatchObject({
      githubId: null,
      formerNames: null,
      pushedAt: null,
      openIssues: null,
    });
  });

  it('rejects an owner or name that contradicts fullName', () => {
    expect(rejection(repositoryRecord, { ...repo, owner: 'someone' })).toBe(
      'owner: "someone" does not match fullName "octocat/hello"',
    );
    expect(rejection(repositoryRecord, { ...repo, name: 'other' })).toBe(
      'name: "other" does not match fullName "octocat/hello"',
    );
  });

  it('explains bad counts, names, dates, topics and ids', () => {
    expect(rejection(repositoryRecord, { ...repo, stars: 'many' })).toBe(
      'stars: expected a whole number from 0 to 2147483647, got "many"',
    );
    expect(rejection(repositoryRecord, { ...repo, forks: 3_000_000_000 })).toBe(
      'forks: expected a whole number from 0 to 2147483647, got 3000000000',
    );
    expect(rejection(repositoryRecord, { fullName: 'a/b/c', stars: 1, forks: 1 })).toBe(
      'fullName: expected a repository full name such as "octocat/hello-world", got "a/b/c"',
    );
    expect(rejection(repositoryRecord, { ...repo, createdAt: '2024-02-31' })).toContain(
      'createdAt: expected an ISO 8601 date',
    );
    expect(rejection(repositoryRecord, { ...repo, topics: ['ok', 'not ok'] })).toBe(
      'topics[1]: expected a topic name (lower-case letters, digits and hyphens, at most 50 characters), got "not ok"',
    );
    expect(rejection(repositoryRecord, { ...repo, githubId: -5 })).toBe(
      'githubId: expected a positive whole number (GitHub id), got -5',
    );
    expect(rejection(repositoryRecord, { ...repo, url: 'ftp://example.com' })).toBe(
      'url: expected an http(s) URL, got "ftp://example.com"',
    );
  });

  it('says which required counts are missing', () => {
    expect(rejection(repositoryRecord, { fullName: 'octocat/hello' })).toBe(
      'stars: is missing (expected a whole number from 0 to 2147483647); forks: is missing (expected a whole number from 0 to 2147483647)',
    );
  });
});

describe('Import: provenance lines', () => {
  it('reads GitHub ids given as numbers or digit strings, beyond 2^53 as strings', () => {
    expect(parse(provenanceRecord, { fullName: 'a/b', githubId: 42 }).githubId).toBe('42');
    expect(parse(provenanceRecord, { fullName: 'a/b', githubId: '123456789012345678' }).githubId).toBe(
      '123456789012345678',
    );
    expect(rejection(provenanceRecord, { fullName: 'a/b', githubId: 2 ** 60 })).toContain(
      'githubId: expected a positive whole number',
    );
  });

  it('ignores the keys it does not store', () => {
    expect(parse(provenanceRecord, { fullName: 'a/b', sources: ['x'], rankingLists: ['Go'], openIssues: 3 })).toEqual({
      fullName: 'a/b',
      pushedAt: null,
      openIssues: 3,
      githubId: null,
      formerNames: null,
      statsAsOf: null,
    });
  });
});

describe('Import: contribution lines', () => {
  it('maps type "contributed" to CONTRIBUTED and defaults a missing type and weight', () => {
    expect(parse(contributionRecord, { user: 'a', repo: 'a/b', type: 'contributed', weight: 267 })).toEqual({
      user: 'a',
      repo: 'a/b',
      kind: 'CONTRIBUTED',
      weight: 267,
    });
    expect(parse(contributionRecord, { user: 'a', repo: 'a/b' })).toMatchObject({ kind: 'CONTRIBUTED', weight: 1 });
    expect(parse(contributionRecord, { user: 'a', repo: 'a/b', type: 'Starred' }).kind).toBe('STARRED');
  });

  it('rejects unknown kinds and negative weights', () => {
    expect(rejection(contributionRecord, { user: 'a', repo: 'a/b', type: 'liked' })).toBe(
      'type: expected "contributed", "starred", "forked" or "watched", got "liked"',
    );
    expect(rejection(contributionRecord, { user: 'a', repo: 'a/b', weight: -1 })).toBe(
      'weight: expected a number ≥ 0, got -1',
    );
  });
});

describe('Import: topic lines', () => {
  it('keeps the best link: url, else githubUrl, else wikipediaUrl', () => {
    const base = { name: 'python', displayName: 'Python' };
    expect(parse(topicRecord, { ...base, url: 'https://python.org', githubUrl: 'https://github.com/python' }).url).toBe(
      'https://python.org',
    );
    expect(parse(topicRecord, { ...base, url: null, githubUrl: 'https://github.com/python' }).url).toBe(
      'https://github.com/python',
    );
    expect(parse(topicRecord, { ...base, wikipediaUrl: 'https://en.wikipedia.org/wiki/Python' }).url).toBe(
      'https://en.wikipedia.org/wiki/Python',
    );
  });

  it('folds topic names to lower case and treats missing alias lists as empty', () => {
    expect(parse(topicRecord, { name: 'JavaScript', aliases: ['JS', 'js'] })).toMatchObject({
      name: 'javascript',
      aliases: ['js'],
      related: [],
    });
  });

  it('shows the name as the line wrote it when it is rejected', () => {
    expect(rejection(topicRecord, { name: 'Bad Topic!' })).toBe(
      'name: expected a topic name (lower-case letters, digits and hyphens, at most 50 characters), got "Bad Topic!"',
    );
  });
});
