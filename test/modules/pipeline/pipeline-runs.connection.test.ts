// `pipelineRuns` as a keyset connection like the catalog's: newest first, paged both ways with exact pageInfo,
// filtered by kind, statuses and creation window, and cursors checked like every other list's.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/lib/keyset/cursor.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../support/connections.js';

type Kind = 'IMPORT' | 'TRAIN' | 'EMBED';
type Status = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
interface Seeded {
  id: string;
  kind: Kind;
  status: Status;
  createdAt: Date;
}

const BASE = Date.parse('2026-03-01T00:00:00.000Z');
const MINUTE = 60_000;
const KINDS: Kind[] = ['IMPORT', 'TRAIN', 'EMBED'];
const STATUSES: Status[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'RUNNING', 'CANCELLED', 'SUCCEEDED'];

describe('pipelineRuns: a keyset connection with filters', () => {
  let t: TestApp;
  let seeded: Seeded[];

  beforeAll(async () => {
    t = await createTestApp();
    // 21 runs; every third minute holds two runs, so ties on created_at are broken by id.
    seeded = [];
    for (let i = 0; i < 21; i += 1) {
      const minute = i - Math.floor(i / 3);
      const row = await t.app.db.prisma.pipelineRun.create({
        data: {
          kind: KINDS[i % KINDS.length]!,
          status: STATUSES[i % STATUSES.length]!,
          createdAt: new Date(BASE + minute * MINUTE),
        },
      });
      seeded.push({ id: row.id, kind: row.kind as Kind, status: row.status, createdAt: row.createdAt });
    }
    expect(new Set(seeded.map((run) => run.createdAt.getTime())).size).toBeLessThan(seeded.length);
  });
  afterAll(() => t.close());

  /** Ids in list order: newest first, ties by id descending. */
  const expected = (keep: (run: Seeded) => boolean) =>
    seeded
      .filter(keep)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((run) => run.id);

  const RUNS = `query ($first: Int, $after: String, $last: Int, $before: String, $kind: PipelineKind,
      $status: [PipelineStatus!], $createdAfter: DateTimeISO, $createdBefore: DateTimeISO) {
    pipelineRuns(first: $first, after: $after, last: $last, before: $before, kind: $kind, status: $status,
        createdAfter: $createdAfter, createdBefore: $createdBefore) {
      totalCount edges { cursor node { id kind status createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  type Node = { id: string; kind: Kind; status: Status; createdAt: string };
  const runs = async (variables: Record<string, unknown>) =>
    connectionOf<Node>(await t.run(RUNS, variables), 'pipelineRuns');
  const ids = (items: Node[]) => items.map((node) => node.id);

  it('pages all runs newest first, forward and backward alike, with exact hasNextPage/hasPreviousPage', async () => {
    const forward = await walkForward((after) => runs({ first: 4, after }));
    const backward = await walkBackward((before) => runs({ last: 4, before }));
    expect(ids(forward.items)).toEqual(expected(() => true));
    expect(ids(backward.items)).toEqual(expected(() => true));
    expect(forward.pages).toHaveLength(6); // 21 runs: 5 full pages and one of 1
    expect(backward.pages).toHaveLength(6);
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
    expect(forward.pages[0]!.totalCount).toBe(21);
  });

  it('turns around in the middle: the page before a page is the one that came before it', async () => {
    const first = await runs({ first: 5 });
    const second = await runs({ first: 5, after: first.pageInfo.endCursor });
    const back = await runs({ last: 5, before: second.pageInfo.startCursor });
    expect(ids(back.edges.map((e) => e.node))).toEqual(ids(first.edges.map((e) => e.node)));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('filters by several statuses, and by statuses and kind together, paging both ways', async () => {
    const live = (run: Seeded) => run.status === 'RUNNING' || run.status === 'QUEUED';
    const forward = await walkForward((after) => runs({ first: 2, after, status: ['RUNNING', 'QUEUED'] }));
    expect(ids(forward.items)).toEqual(expected(live));
    expect(forward.pages[0]!.totalCount).toBe(expected(live).length);
    expectConsistentPageInfo(forward.pages);

    const liveTraining = (run: Seeded) => live(run) && run.kind === 'TRAIN';
    expect(expected(liveTraining).length).toBeGreaterThan(1);
    expect(expected(liveTraining).length).toBeLessThan(expected(live).length);
    const combined = await walkBackward((before) =>
      runs({ last: 1, before, status: ['RUNNING', 'QUEUED', 'RUNNING'], kind: 'TRAIN' }),
    );
    expect(ids(combined.items)).toEqual(expected(liveTraining));
    expect(combined.pages[0]!.totalCount).toBe(expected(liveTraining).length);
    expectConsistentPageInfo(combined.pages);
    expect(combined.items.every((node) => node.kind === 'TRAIN' && ['RUNNING', 'QUEUED'].includes(node.status))).toBe(
      true,
    );
  });

  it('filters by one status and by kind alone', async () => {
    const failed = await runs({ first: 100, status: ['FAILED'] });
    expect(ids(failed.edges.map((e) => e.node))).toEqual(expected((run) => run.status === 'FAILED'));
    const embeds = await runs({ first: 100, kind: 'EMBED' });
    expect(ids(embeds.edges.map((e) => e.node))).toEqual(expected((run) => run.kind === 'EMBED'));
    expect(embeds.totalCount).toBe(7);
  });

  it('filters by creation window (both bounds exclusive)', async () => {
    const createdAfter = new Date(BASE + 3 * MINUTE);
    const createdBefore = new Date(BASE + 9 * MINUTE);
    const inside = (run: Seeded) => run.createdAt > createdAfter && run.createdAt < createdBefore;
    const page = await runs({
      first: 100,
      createdAfter: createdAfter.toISOString(),
      createdBefore: createdBefore.toISOString(),
    });
    expect(ids(page.edges.map((e) => e.node))).toEqual(expected(inside));
    expect(page.totalCount).toBe(expected(inside).length);
    const after = await runs({ first: 100, createdAfter: createdAfter.toISOString(), status: ['SUCCEEDED'] });
    expect(ids(after.edges.map((e) => e.node))).toEqual(
      expected((run) => run.createdAt > createdAfter && run.status === 'SUCCEEDED'),
    );
  });

  it('keeps accepting cursors in the format of earlier releases (created_desc: [time, id])', async () => {
    const newest = expected(() => true);
    const third = seeded.find((run) => run.id === newest[2])!;
    const legacy = encodeCursor('created_desc', [third.createdAt.toISOString(), third.id]);
    const page = await runs({ first: 2, after: legacy });
    expect(ids(page.edges.map((e) => e.node))).toEqual(newest.slice(3, 5));
    expect(page.pageInfo.hasPreviousPage).toBe(true);
  });

  it.each([
    ['garbage', { first: 2, after: 'not a cursor!' }],
    ['a cursor of another ordering', { first: 2, after: encodeCursor('topic.name.asc', ['go']) }],
    [
      'a cursor whose time is not a date',
      { last: 2, before: encodeCursor('created_desc', ['yesterday', '00000000-0000-4000-8000-000000000000']) },
    ],
    [
      'a cursor whose id is not a UUID',
      { first: 2, after: encodeCursor('created_desc', ['2026-03-01T00:00:00.000Z', '42']) },
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables) => {
    const result = await t.run(RUNS, variables);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Invalid cursor in "(after|before)"/);
  });

  it.each([
    ['an empty status list', { status: [] }, /"status" must name at least one status/],
    ['a page over the cap', { first: 101 }, /"first" must be between 1 and 100/],
    ['first with last', { first: 2, last: 2 }, /not both/],
    [
      'an empty creation window',
      { createdAfter: '2026-03-01T00:10:00.000Z', createdBefore: '2026-03-01T00:10:00.000Z' },
      /"createdAfter" .* is not before "createdBefore"/,
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables, message) => {
    const result = await t.run(RUNS, variables);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});
