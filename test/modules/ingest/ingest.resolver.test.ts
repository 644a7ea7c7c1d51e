// The ingestFromGithub mutation through the whole application (compose, as main.ts wires it), against a fake
// GitHub: a run that completes while its progress streams over pipelineRunUpdated, bad input named by field, and a
// refused token failing the mutation itself with UNAUTHENTICATED.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { IngestFromGithubDocument, IngestOwnerRefreshDocument } from '../../../src/generated/graphql/graphql.js';
import { backendName } from '../../support/backends.js';
import { errorCode } from '../../support/catalog.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { FakeGithub } from '../../support/fake-github.js';

const INGEST = `mutation ($input: IngestFromGithubInput!) {
  ingestFromGithub(input: $input) { id kind status params }
}`;
const PROGRESS = `subscription ($id: ID!) {
  pipelineRunUpdated(id: $id) { status stage processed total result error }
}`;

// A type alias (not an interface): ExecutionResult's data must accept an index signature.
type Ingested = {
  ingestFromGithub: { id: string; kind: string; status: string; params: Record<string, unknown> } | null;
};

describe(`Ingest: the ingestFromGithub mutation on ${backendName}`, () => {
  let github: FakeGithub;
  const apps: TestApp[] = [];
  const app = async (token = 'ghp_valid') => {
    const created = await createTestApp({ GITHUB_API_URL: github.url, GITHUB_TOKEN: token });
    apps.push(created);
    return created;
  };

  beforeAll(async () => {
    github = await FakeGithub.start();
    github.addRepository('octocat/Hello-World');
    github.addRepository('octocat/Spoon-Knife');
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  afterAll(async () => {
    await github.close();
  });

  it('starts a GITHUB_INGEST run whose progress streams until it succeeds with its counts', async () => {
    const test = await app();
    // The typed document generated from examples.graphql, as a frontend would send it.
    const started = await test.run(IngestFromGithubDocument, {
      input: { fullNames: ['octocat/Hello-World', 'octocat/Spoon-Knife'] },
    });
    expect(started.errors).toBeUndefined();
    const run = started.data!.ingestFromGithub;
    expect(run).toMatchObject({ kind: 'GITHUB_INGEST', params: { maxRepositories: 100, profiles: 'OWNERS' } });

    const stream = (await test.subscribe(PROGRESS, { id: run.id })) as AsyncIterableIterator<ExecutionResult>;
    const seen: Array<Record<string, unknown>> = [];
    for await (const event of stream) {
      expect(event.errors).toBeUndefined();
      seen.push((event.data as { pipelineRunUpdated: Record<string, unknown> }).pipelineRunUpdated);
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', stage: 'repositories', processed: 2, total: 2 });
    expect(last.result).toMatchObject({
      counts: { repositories: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 } },
      totals: { rejected: 0 },
    });
    const stored = await test.run<{ repository: { stars: number } | null }>(
      '{ repository(fullName: "octocat/Hello-World") { stars } }',
    );
    expect(stored.data?.repository).toEqual({ stars: 80 });
  });

  it("the examples' incremental owner refresh runs too", async () => {
    const test = await app();
    const started = await test.run(IngestOwnerRefreshDocument, { owner: 'octocat' });
    expect(started.errors).toBeUndefined();
    await test.app.modules.get('pipeline').pipeline.waitFor(started.data!.ingestFromGithub.id);
    const run = await test.app.modules.get('pipeline').pipeline.get(started.data!.ingestFromGithub.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', result: { refreshSince: null, totals: { rejected: 0 } } });
  });

  it.each([
    [{ owner: 'octocat', query: 'graph' }, 'exactly one of fullNames, owner or query'],
    [{ query: 'graph', maxRepositories: 100000 }, 'maxRepositories: expected a whole number from 1 to 1000'],
    [{ fullNames: ['nope'] }, 'fullNames[0]: expected a repository full name'],
  ])('answers BAD_USER_INPUT for %j, naming the field', async (input, message) => {
    const test = await app();
    const result = await test.run<Ingested>(INGEST, { input });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(message);
    const runs = await test.run<{ pipelineRuns: { totalCount: number } }>('{ pipelineRuns { totalCount } }');
    expect(runs.data?.pipelineRuns.totalCount).toBe(0);
  });

  it('fails with UNAUTHENTICATED when GitHub refuses the token, and the run is recorded FAILED with why', async () => {
    const test = await app('ghp_expired');
    const result = await test.run<Ingested>(INGEST, { input: { owner: 'octocat' } });
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/^GITHUB_TOKEN is invalid or expired/);
    const runs = await test.run<{ pipelineRuns: { nodes: Array<{ kind: string; status: string; error: string }> } }>(
      '{ pipelineRuns(first: 5) { nodes { kind status error } } }',
    );
    expect(runs.data?.pipelineRuns.nodes).toEqual([
      {
        kind: 'GITHUB_INGEST',
        status: 'FAILED',
        error: expect.stringMatching(/^UNAUTHENTICATED: GITHUB_TOKEN is invalid/),
      },
    ]);
  });
});
