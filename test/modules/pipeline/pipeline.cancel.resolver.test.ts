// cancelPipelineRun through GraphQL, on the whole application (createTestApp: embedded, or PostgreSQL + Redis
// pubsub with TEST_DATABASE_URL / TEST_REDIS_URL): a subscriber of pipelineRunUpdated sees a RUNNING run end
// CANCELLED, and each kind of refusal carries its error code.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../support/backends.js';
import { errorCode } from '../../support/catalog.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { waitingUpTo } from '../../support/waiting.js';
import { TEST_ACTOR } from '../../support/app.js';

const CANCEL = `mutation ($id: ID!, $reason: String) {
  cancelPipelineRun(id: $id, reason: $reason) { id status error cancelRequestedAt finishedAt }
}`;
const FOLLOW = `subscription ($id: ID!) {
  pipelineRunUpdated(id: $id) { status error cancelRequestedAt stages { name status } }
}`;

interface RunFields {
  status: string;
  error: string | null;
  cancelRequestedAt: string | null;
  finishedAt?: string | null;
  stages?: Array<{ name: string; status: string }>;
}

const { within } = waitingUpTo(15_000);

describe(`cancelPipelineRun (${backendName})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // A stand-in for a long import: reports progress until its signal says stop.
    t.app.modules.get('pipeline').pipeline.registerHandler('EMBED', async (_params, run) => {
      await run.stage('vectors', null);
      while (!run.signal.aborted) {
        run.advance(1);
        await sleep(5);
      }
      run.signal.throwIfAborted();
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const cancel = (variables: Record<string, unknown>) =>
    t.run<{ cancelPipelineRun: RunFields }>(CANCEL, variables) as Promise<
      ExecutionResult<{ cancelPipelineRun: RunFields }>
    >;

  it('a subscriber sees a RUNNING run end CANCELLED, with who and why, after the mutation asked for it', async () => {
    const run = await t.app.modules.get('pipeline').pipeline.submit('EMBED', {}, TEST_ACTOR);
    const stream = await t.subscribe(FOLLOW, { id: run.id });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream.errors));
    const events: RunFields[] = [];
    let inStage!: () => void;
    const started = new Promise<void>((resolve) => (inStage = resolve));
    const ended = (async () => {
      for await (const result of stream) {
        const event = (result.data as { pipelineRunUpdated: RunFields }).pipelineRunUpdated;
        events.push(event);
        if (event.status === 'RUNNING' && event.stages?.length) inStage();
        if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(event.status)) return;
      }
    })();
    await within(started, 'the run to be RUNNING in its stage');

    const result = await cancel({ id: run.id, reason: 'started by mistake' });

    expect(result.errors).toBeUndefined();
    const answer = result.data!.cancelPipelineRun;
    // RUNNING with the request recorded, or already CANCELLED if the work stopped that fast.
    expect(answer.cancelRequestedAt).not.toBeNull();
    expect(['RUNNING', 'CANCELLED']).toContain(answer.status);
    await within(ended, 'the subscription to see the run end');
    const last = events.at(-1)!;
    expect(last.status).toBe('CANCELLED');
    expect(last.error).toMatch(/^cancelled by test \(API request \S+\): started by mistake$/);
    expect(last.stages).toEqual([{ name: 'vectors', status: 'CANCELLED' }]);
    expect(events.slice(0, -1).every((event) => event.status === 'RUNNING' || event.status === 'QUEUED')).toBe(true);

    const again = await cancel({ id: run.id });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toContain('has already ended (CANCELLED)');
  });

  it('a QUEUED run is CANCELLED at once', async () => {
    const run = await t.app.modules.get('pipeline').pipeline.create('EMBED', {}, TEST_ACTOR); // recorded, not handed to anyone yet
    const result = await cancel({ id: run.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.cancelPipelineRun).toMatchObject({ id: run.id, status: 'CANCELLED' });
    expect(result.data!.cancelPipelineRun.error).toMatch(/^cancelled by test \(API request \S+\)$/);
    expect(result.data!.cancelPipelineRun.finishedAt).not.toBeNull();
  });

  it.each([
    ['an unknown id', { id: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', /no pipeline run/],
    ['a malformed id', { id: 'run-42' }, 'BAD_USER_INPUT', /expected a UUID/],
    ['a blank reason', { id: '00000000-0000-4000-8000-000000000000', reason: ' ' }, 'BAD_USER_INPUT', /blank/],
  ])('refuses %s with %s', async (_name, variables, code, message) => {
    const result = await cancel(variables);
    expect(errorCode(result)).toBe(code);
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});
