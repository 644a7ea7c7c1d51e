// OKRs through GraphQL: owners write their own objectives, key results and check-ins (admins anyone's); progress
// follows check-ins for rising and falling targets; private objectives exist only for their owner and admins;
// stale versions conflict; bad input is refused with a code and a message naming the argument, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor, type Actor } from '../../../src/access/index.js';
import type { ExecutionResult } from 'graphql';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';

const MIA = userActor('mia', 'MEMBER');
const MAX = userActor('max', 'MEMBER');
const ADA = userActor('ada', 'ADMIN');
const VERA = userActor('vera', 'VIEWER');

interface Result<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

describe('OKRs through GraphQL', () => {
  let t: TestApp;
  const as = <T>(actor: Actor, document: string, variables?: Record<string, unknown>) =>
    t.run<T>(document, variables, actor) as Promise<Result<T>>;
  const code = (result: Result<unknown>) => errorCode(result as ExecutionResult);

  async function createObjective(actor: Actor, input: Record<string, unknown>): Promise<number> {
    const result = await as<{ createObjective: { databaseId: number } }>(
      actor,
      'mutation ($input: CreateObjectiveInput!) { createObjective(input: $input) { databaseId } }',
      { input },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createObjective.databaseId;
  }

  async function addKeyResult(actor: Actor, input: Record<string, unknown>): Promise<number> {
    const result = await as<{ addKeyResult: { databaseId: number } }>(
      actor,
      'mutation ($input: AddKeyResultInput!) { addKeyResult(input: $input) { databaseId } }',
      { input },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.addKeyResult.databaseId;
  }

  const checkIn = (actor: Actor, input: Record<string, unknown>) =>
    as<{ checkIn: { databaseId: number; value: number } }>(
      actor,
      'mutation ($input: CheckInInput!) { checkIn(input: $input) { databaseId value } }',
      { input },
    );

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.db.prisma.user.createMany({ data: ['mia', 'max', 'ada', 'vera'].map((login) => ({ login })) });
  }, 60_000);
  afterAll(async () => t?.close());

  it('computes progress from check-ins, rising and falling, weighted, with status and history', async () => {
    const objective = await createObjective(MIA, { title: 'Deliver a fast product', period: '2026-Q4' });
    const nps = await addKeyResult(MIA, {
      objectiveId: objective,
      title: 'Increase NPS from 45 to 70',
      startValue: 45,
      targetValue: 70,
      dueDate: '2026-12-31',
      weight: 3,
    });
    const latency = await addKeyResult(MIA, {
      objectiveId: objective,
      title: 'Reduce P95 latency from 800 ms to 200 ms',
      startValue: 800,
      targetValue: 200,
      unit: 'ms',
      dueDate: '2026-11-30',
    });
    expect(
      (await checkIn(MIA, { keyResultId: nps, value: 57.5, confidence: 0.8, note: 'survey' })).errors,
    ).toBeUndefined();
    expect((await checkIn(MIA, { keyResultId: latency, value: 500 })).errors).toBeUndefined();
    const result = await as<{
      objective: {
        progress: number;
        status: string;
        owner: { login: string };
        keyResults: {
          totalCount: number;
          nodes: Array<{
            progress: number;
            currentValue: number;
            confidence: number | null;
            checkIns: { nodes: Array<{ value: number; note: string | null; author: { login: string } }> };
          }>;
        };
      };
    }>(
      MAX,
      `query ($id: Int!) { objective(id: $id) { progress status owner { login }
         keyResults { totalCount nodes { progress currentValue confidence
           checkIns { nodes { value note author { login } } } } } } }`,
      { id: objective },
    );
    expect(result.errors).toBeUndefined();
    const read = result.data!.objective;
    expect(read.owner.login).toBe('mia');
    expect(read.keyResults.totalCount).toBe(2);
    expect(read.keyResults.nodes.map((kr) => kr.progress)).toEqual([0.5, 0.5]);
    expect(read.progress).toBeCloseTo(0.5);
    expect(read.keyResults.nodes[0]!.confidence).toBe(0.8);
    expect(read.keyResults.nodes[0]!.checkIns.nodes).toEqual([
      { value: 57.5, note: 'survey', author: { login: 'mia' } },
    ]);
    expect(['ON_TRACK', 'AT_RISK', 'BEHIND', 'COMPLETED', 'NOT_STARTED']).toContain(read.status);
  });

  it('lets only the owner or an admin write, and nobody without a token', async () => {
    const objective = await createObjective(MIA, { title: 'Mine', period: '2026' });
    const update = (actor: Actor) =>
      as(actor, 'mutation ($id: Int!) { updateObjective(id: $id, input: { title: "changed" }) { title } }', {
        id: objective,
      });
    expect(code(await update(MAX))).toBe('FORBIDDEN');
    expect(code(await update(VERA))).toBe('FORBIDDEN');
    expect(code(await as({ kind: 'anonymous', address: 'x' }, 'mutation { archiveObjective(id: 1) { id } }'))).toBe(
      'UNAUTHENTICATED',
    );
    expect((await update(ADA)).errors).toBeUndefined();
    // Creating for someone else is an admin's act.
    const forOther = await as(
      MAX,
      'mutation { createObjective(input: { title: "x", period: "2026", owner: "mia" }) { id } }',
    );
    expect(code(forOther)).toBe('FORBIDDEN');
    expect(await createObjective(ADA, { title: 'for mia', period: '2026', owner: 'mia' })).toBeGreaterThan(0);
  });

  it('hides private objectives from everyone but their owner and admins, in lists and counts too', async () => {
    const secret = await createObjective(MIA, { title: 'Secret plan', period: '2027-Q1', visibility: 'PRIVATE' });
    await createObjective(MIA, { title: 'Public plan', period: '2027-Q1' });
    const list = (actor: Actor) =>
      as<{ objectives: { totalCount: number; nodes: Array<{ title: string }> } }>(
        actor,
        '{ objectives(filter: { period: "2027-Q1" }) { totalCount nodes { title } } }',
      );
    expect((await list(MAX)).data!.objectives).toEqual({ totalCount: 1, nodes: [{ title: 'Public plan' }] });
    expect((await list(MIA)).data!.objectives.totalCount).toBe(2);
    expect((await list(ADA)).data!.objectives.totalCount).toBe(2);
    const one = (actor: Actor) =>
      as<{ objective: { title: string } | null }>(actor, '{ objective(id: ' + secret + ') { title } }');
    expect((await one(MAX)).data!.objective).toBeNull();
    expect((await one(MIA)).data!.objective).toEqual({ title: 'Secret plan' });
    // Writing to it as someone else: as if it did not exist.
    const write = await as(MAX, `mutation { archiveObjective(id: ${secret}) { id } }`);
    expect(code(write)).toBe('NOT_FOUND');
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const objective = await createObjective(MIA, { title: 'Versioned', period: '2026' });
    const update = (title: string, expectedVersion: number) =>
      as<{ updateObjective: { title: string; version: number } }>(
        MIA,
        'mutation ($id: Int!, $title: String!, $v: Int) { updateObjective(id: $id, input: { title: $title }, expectedVersion: $v) { title version } }',
        { id: objective, title, v: expectedVersion },
      );
    expect((await update('first', 1)).data!.updateObjective).toEqual({ title: 'first', version: 2 });
    const stale = await update('second', 1);
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.message).toMatch(/at version 2, not 1/);
    const read = await as<{ objective: { title: string } }>(MIA, `{ objective(id: ${objective}) { title } }`);
    expect(read.data!.objective.title).toBe('first');
  });

  it('aligns objectives, walks the path up, and refuses a cycle', async () => {
    const company = await createObjective(ADA, { title: 'Company', period: '2026', level: 'COMPANY' });
    const team = await createObjective(MIA, { title: 'Team', period: '2026', parentId: company });
    const mine = await createObjective(MIA, { title: 'Mine', period: '2026', parentId: team, level: 'INDIVIDUAL' });
    const read = await as<{
      objective: { alignmentPath: Array<{ title: string }>; parent: { title: string } };
    }>(MAX, `{ objective(id: ${mine}) { alignmentPath { title } parent { title } } }`);
    expect(read.data!.objective).toEqual({
      alignmentPath: [{ title: 'Company' }, { title: 'Team' }],
      parent: { title: 'Team' },
    });
    const children = await as<{ objective: { children: { totalCount: number; nodes: Array<{ title: string }> } } }>(
      MAX,
      `{ objective(id: ${company}) { children { totalCount nodes { title } } } }`,
    );
    expect(children.data!.objective.children).toEqual({ totalCount: 1, nodes: [{ title: 'Team' }] });
    const cycle = await as(ADA, `mutation { updateObjective(id: ${company}, input: { parentId: ${mine} }) { id } }`);
    expect(code(cycle)).toBe('BAD_USER_INPUT');
    expect(cycle.errors![0]!.message).toMatch(/would make a cycle/);
  });

  it('counts a retried check-in once (idempotency key)', async () => {
    const objective = await createObjective(MIA, { title: 'Retries', period: '2026' });
    const kr = await addKeyResult(MIA, {
      objectiveId: objective,
      title: 'Ship',
      targetValue: 10,
      dueDate: '2026-06-30',
    });
    const first = await checkIn(MIA, { keyResultId: kr, value: 3, idempotencyKey: 'req-1' });
    const again = await checkIn(MIA, { keyResultId: kr, value: 3, idempotencyKey: 'req-1' });
    expect(again.data!.checkIn.databaseId).toBe(first.data!.checkIn.databaseId);
    expect(await t.app.db.prisma.checkIn.count({ where: { keyResultId: kr } })).toBe(1);
    const version = await t.app.db.prisma.keyResult.findUniqueOrThrow({ where: { id: kr }, select: { version: true } });
    expect(version.version).toBe(2);
  });

  it('loses none of 100 concurrent check-ins on one key result', async () => {
    const objective = await createObjective(MIA, { title: 'Concurrent', period: '2026' });
    const kr = await addKeyResult(MIA, {
      objectiveId: objective,
      title: 'Count',
      targetValue: 1000,
      dueDate: '2026-12-31',
    });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => checkIn(MIA, { keyResultId: kr, value: i + 1, idempotencyKey: `k-${i}` })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(await t.app.db.prisma.checkIn.count({ where: { keyResultId: kr } })).toBe(100);
    const row = await t.app.db.prisma.keyResult.findUniqueOrThrow({
      where: { id: kr },
      select: { version: true, currentValue: true },
    });
    expect(row.version).toBe(101);
    // The current value is the value of the last check-in committed.
    const last = await t.app.db.prisma.checkIn.findFirstOrThrow({
      where: { keyResultId: kr },
      orderBy: { id: 'desc' },
    });
    expect(row.currentValue).toBe(last.value);
  }, 60_000);

  it('streams changes to those who may see them: objectiveUpdated and okrActivity', async () => {
    type Next = IteratorResult<ExecutionResult<Record<string, unknown>>>;
    const subscribe = async (actor: Actor, document: string, variables: Record<string, unknown>) =>
      (await t.subscribe(document, variables, actor)) as
        AsyncIterableIterator<ExecutionResult<Record<string, unknown>>> | ExecutionResult;
    const open = await createObjective(MIA, { title: 'Live', period: '2026' });
    const kr = await addKeyResult(MIA, { objectiveId: open, title: 'Ten', targetValue: 10, dueDate: '2026-09-30' });
    const updates = await subscribe(MAX, 'subscription ($id: Int!) { objectiveUpdated(id: $id) { title progress } }', {
      id: open,
    });
    const activity = await subscribe(
      MAX,
      'subscription { okrActivity(owner: "MIA") { kind keyResultId actor objective { title } } }',
      {},
    );
    if (!(Symbol.asyncIterator in updates) || !(Symbol.asyncIterator in activity)) throw new Error('not streams');
    const nextUpdate = updates.next() as Promise<Next>;
    const nextActivity = activity.next() as Promise<Next>;
    // A change to a private objective of the same owner reaches neither subscriber (MAX may not see it).
    const secret = await createObjective(MIA, { title: 'Hidden', period: '2026', visibility: 'PRIVATE' });
    await checkIn(MIA, { keyResultId: kr, value: 5 });
    expect((await nextUpdate).value.data).toEqual({ objectiveUpdated: { title: 'Live', progress: 0.5 } });
    expect((await nextActivity).value.data).toEqual({
      okrActivity: { kind: 'CHECK_IN', keyResultId: kr, actor: 'mia', objective: { title: 'Live' } },
    });
    await updates.return?.();
    await activity.return?.();
    // Subscribing to an objective one may not see is refused as if it did not exist.
    const refused = await subscribe(MAX, 'subscription ($id: Int!) { objectiveUpdated(id: $id) { title } }', {
      id: secret,
    });
    expect(Symbol.asyncIterator in refused).toBe(false);
    expect(code(refused as ExecutionResult)).toBe('NOT_FOUND');
  });

  it.each([
    [
      'a period that does not parse',
      'mutation { createObjective(input: { title: "x", period: "2026-Q5" }) { id } }',
      /period: "2026-Q5" is not a period/,
    ],
    [
      'explicit dates reversed',
      'mutation { createObjective(input: { title: "x", startDate: "2026-05-01", endDate: "2026-04-01" }) { id } }',
      /endDate: .* is before startDate/,
    ],
    [
      'an empty title',
      'mutation { createObjective(input: { title: "  ", period: "2026" }) { id } }',
      /title: give a title/,
    ],
    [
      'an unknown parent',
      'mutation { createObjective(input: { title: "x", period: "2026", parentId: 999999 }) { id } }',
      /no objective 999999/,
    ],
  ])('refuses %s, naming the argument', async (_, document, message) => {
    const before = await t.app.db.prisma.objective.count();
    const result = await as(MIA, document);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(code(result));
    expect(result.errors![0]!.message).toMatch(message);
    expect(await t.app.db.prisma.objective.count()).toBe(before);
  });

  it('refuses bad key results and check-ins, writing nothing', async () => {
    const objective = await createObjective(MIA, { title: 'Bad inputs', period: '2026-Q4' });
    const add = (input: Record<string, unknown>) =>
      as(MIA, 'mutation ($input: AddKeyResultInput!) { addKeyResult(input: $input) { id } }', {
        input: { objectiveId: objective, title: 'kr', dueDate: '2026-12-31', ...input },
      });
    expect((await add({ startValue: 5, targetValue: 5 })).errors![0]!.message).toMatch(
      /targetValue: equal to startValue/,
    );
    expect((await add({ targetValue: 10, dueDate: '2027-01-15' })).errors![0]!.message).toMatch(
      /dueDate: 2027-01-15 is outside/,
    );
    expect((await add({ targetValue: 10, dueDate: '2026-13-01' })).errors![0]!.message).toMatch(
      /dueDate: "2026-13-01" is not a date/,
    );
    expect((await add({ metricType: 'PERCENT', targetValue: 150 })).errors![0]!.message).toMatch(
      /PERCENT key result takes 0 to 100/,
    );
    expect((await add({ targetValue: 10, weight: -1 })).errors![0]!.message).toMatch(/weight: a number above 0/);
    expect(await t.app.db.prisma.keyResult.count({ where: { objectiveId: objective } })).toBe(0);

    const done = await addKeyResult(MIA, {
      objectiveId: objective,
      title: 'Launched',
      metricType: 'BOOLEAN',
      targetValue: 1,
      dueDate: '2026-12-31',
    });
    expect((await checkIn(MIA, { keyResultId: done, value: 0.5 })).errors![0]!.message).toMatch(
      /BOOLEAN key result takes 0 \(not done\) or 1/,
    );
    expect((await checkIn(MIA, { keyResultId: done, value: 1, confidence: 1.5 })).errors![0]!.message).toMatch(
      /confidence: a probability from 0 to 1/,
    );
    expect(await t.app.db.prisma.checkIn.count({ where: { keyResultId: done } })).toBe(0);

    await as(MIA, `mutation { archiveObjective(id: ${objective}) { archived } }`);
    const archived = await checkIn(MIA, { keyResultId: done, value: 1 });
    expect(code(archived)).toBe('BAD_USER_INPUT');
    expect(archived.errors![0]!.message).toMatch(/is archived/);
    expect(await t.app.db.prisma.checkIn.count({ where: { keyResultId: done } })).toBe(0);
  });

  it('lists a user’s objectives, filtered and ordered, and leaves archived ones out unless asked', async () => {
    const result = await as<{
      user: { objectives: { totalCount: number; nodes: Array<{ title: string; archived: boolean }> } };
      all: { objectives: { totalCount: number } };
    }>(
      MIA,
      `{ user(login: "mia") { objectives(orderBy: { field: TITLE }, filter: { text: "plan" }) { totalCount nodes { title archived } } }
         all: user(login: "mia") { objectives(filter: { includeArchived: true }) { totalCount } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.user.objectives.nodes.map((n) => n.title)).toEqual(['Public plan', 'Secret plan']);
    const active = await as<{ user: { objectives: { totalCount: number } } }>(
      MIA,
      '{ user(login: "mia") { objectives { totalCount } } }',
    );
    expect(result.data!.all.objectives.totalCount).toBe(active.data!.user.objectives.totalCount + 1);
  });
});
