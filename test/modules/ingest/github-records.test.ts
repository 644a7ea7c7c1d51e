// GitHub's REST bodies (the documented examples) as the import's records, and what a rejection says.
import { describe, expect, it } from 'vitest';
import {
  contributorsFromGithub,
  languagesFromGithub,
  profileFromGithub,
  repositoryFromGithub,
} from '../../../src/modules/ingest/github-records.js';
import { githubFixture } from '../../support/fake-github.js';

const fetchedAt = new Date('2026-11-23T10:00:00Z');
const repository = githubFixture('repository.json');

describe('GitHub records: a repository body', () => {
  it('becomes a repository record, renamed field by field', () => {
    expect(repositoryFromGithub(repository, { fetchedAt })).toEqual({
      ok: true,
      value: {
        fullName: 'octocat/Hello-World',
        owner: 'octocat',
        name: 'Hello-World',
        description: 'This your first repo!',
        language: null,
        topics: ['octocat', 'atom', 'electron', 'api'],
        stars: 80,
        forks: 9,
        license: 'MIT',
        url: 'https://github.com/octocat/Hello-World',
        homepage: 'https://github.com',
        createdAt: new Date('2011-01-26T19:01:12Z'),
        updatedAt: new Date('2011-01-26T19:14:43Z'),
        pushedAt: new Date('2011-01-26T19:06:43Z'),
        openIssues: 0,
        githubId: '1296269',
        formerNames: null,
        statsAsOf: fetchedAt,
      },
    });
  });

  it('takes the license name when GitHub cannot tell its SPDX id, and drops a homepage that is not a URL', () => {
    const checked = repositoryFromGithub(
      { ...repository, license: { key: 'other', name: 'Other', spdx_id: 'NOASSERTION' }, homepage: 'my site' },
      { fetchedAt },
    );
    expect(checked.ok && [checked.value.license, checked.value.homepage]).toEqual(['Other', null]);
  });

  it('takes topics fetched separately when the body has none', () => {
    const { topics: _topics, ...withoutTopics } = repository;
    const checked = repositoryFromGithub(withoutTopics, { fetchedAt, topics: ['graphql'] });
    expect(checked.ok && checked.value.topics).toEqual(['graphql']);
  });

  it.each([
    [{ stargazers_count: -3 }, 'stargazers_count: expected a whole number from 0 to 2147483647, got -3'],
    [{ full_name: 'no-slash' }, 'full_name: expected a repository full name such as "octocat/hello-world"'],
    [{ id: 'abc' }, 'id: expected a positive whole number (GitHub id), got "abc"'],
    [{ pushed_at: '2011-13-45' }, 'pushed_at: expected an ISO 8601 date'],
    [{ owner: { login: 'someone-else' } }, 'owner.login: "someone-else" does not match fullName'],
    [{ topics: ['Not A Topic'] }, 'topics[0]: expected a topic name'],
  ])('rejects %j, naming the GitHub field', (change, reason) => {
    const checked = repositoryFromGithub({ ...repository, ...change }, { fetchedAt });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toContain(reason);
  });

  it('rejects a body that is not a JSON object, quoting the start of it', () => {
    expect(repositoryFromGithub('{"id": 12, "full_na', { fetchedAt })).toEqual({
      ok: false,
      reason: 'response body is not a JSON object: got text "{\\"id\\": 12, \\"full_na"',
    });
    expect(repositoryFromGithub([], { fetchedAt })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('a list'),
    });
  });
});

describe('GitHub records: languages, profiles, contributors', () => {
  it('languages: bytes per language, or why not', () => {
    expect(languagesFromGithub(githubFixture('languages.json'))).toEqual({
      ok: true,
      value: { C: 78769, Python: 7769 },
    });
    expect(languagesFromGithub({ C: -1 })).toEqual({
      ok: false,
      reason: 'languages: C: expected a byte count ≥ 0, got -1',
    });
    expect(languagesFromGithub('oops')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a JSON object'),
    });
  });

  it('a profile: the user record with name, bio, company, location and avatar', () => {
    expect(profileFromGithub(githubFixture('user.json'))).toEqual({
      ok: true,
      value: {
        login: 'octocat',
        type: 'USER',
        publicRepos: 2,
        followers: 20,
        following: 0,
        createdAt: new Date('2008-01-14T04:33:35Z'),
        name: 'monalisa octocat',
        bio: 'There once was...',
        company: 'GitHub',
        location: 'San Francisco',
        avatarUrl: 'https://github.com/images/error/octocat_happy.gif',
      },
    });
    expect(profileFromGithub({ ...githubFixture('user.json'), public_repos: 1.5 })).toMatchObject({
      ok: false,
      reason: 'public_repos: expected a whole number from 0 to 2147483647, got 1.5',
    });
  });

  it('contributors: each entry on its own; anonymous ones left out; 204 (no body) is none', () => {
    const [octocat] = githubFixture<unknown[]>('contributors.json');
    const checked = contributorsFromGithub(
      [octocat, { type: 'Anonymous', email: 'a@example.com', contributions: 3 }, { login: '', contributions: 1 }],
      'octocat/Hello-World',
    );
    expect(checked).toEqual({
      ok: true,
      value: [
        {
          index: 0,
          result: {
            ok: true,
            value: {
              user: {
                login: 'octocat',
                type: 'USER',
                publicRepos: null,
                followers: null,
                following: null,
                createdAt: null,
              },
              contribution: { user: 'octocat', repo: 'octocat/Hello-World', kind: 'CONTRIBUTED', weight: 32 },
            },
          },
        },
        { index: 2, result: { ok: false, reason: 'login: expected a GitHub login such as "octocat", got ""' } },
      ],
    });
    expect(contributorsFromGithub(null, 'octocat/Hello-World')).toEqual({ ok: true, value: [] });
    expect(contributorsFromGithub({ message: 'x' }, 'octocat/Hello-World')).toEqual({
      ok: false,
      reason: 'response body is not a JSON list: got an object',
    });
  });
});
