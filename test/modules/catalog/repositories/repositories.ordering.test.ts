// Keyset paging over every repository ordering, in both directions: ties (equal stars), unknown dates (NULLS LAST
// either way) and mixed-case names must neither repeat nor skip a row, and pageInfo must be exact at each page.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode } from '../../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../../support/connections.js';

const COUNT = 41;
const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n));

/** Row i: stars in 5 groups, forks in 3, dates with ties and gaps, names in two cases. */
function row(i: number) {
  const name = `${i % 2 ? 'Zeta' : 'alpha'}${String(i).padStart(2, '0')}`;
  return {
    name,
    fullName: `org/${name}`,
    stars: (i % 5) * 10,
    forks: i % 3,
    updatedAt: i % 4 === 0 ? null : day(i % 6),
    pushedAt: i % 5 === 0 ? null : day(i % 7),
    createdAt: i % 3 === 0 ? null : day(i % 9),
  };
}

type Row = ReturnType<typeof row> & { id: number };
type Field = 'STARS' | 'FORKS' | 'UPDATED_AT' | 'PUSHED_AT' | 'CREATED_AT' | 'NAME';

/** The order the API promises, computed independently: by the key (nulls last), then by id ascending. */
function expectedOrder(rows: Row[], field: Field, direction: 'ASC' | 'DESC'): string[] {
  const key = (r: Row): number | string | null =>
    ({
      STARS: r.stars,
      FORKS: r.forks,
      UPDATED_AT: r.updatedAt?.getTime() ?? null,
      PUSHED_AT: r.pushedAt?.getTime() ?? null,
      CREATED_AT: r.createdAt?.getTime() ?? null,
      NAME: r.name.toLowerCase(),
    })[field];
  const sign = direction === 'ASC' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka === null || kb === null) return ka === kb ? a.id - b.id : ka === null ? 1 : -1;
      if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
      return a.id - b.id;
    })
    .map((r) => r.fullName);
}

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $orderBy: RepositoryOrder) {
  repositories(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    edges { cursor node { fullName } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('Repositories: keyset paging in both directions over every ordering', () => {
  let t: TestApp;
  let rows: Row[];

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await t.app.db.prisma.user.create({ data: { login: 'org' } });
    await t.app.db.prisma.repository.createMany({
      data: Array.from({ length: COUNT }, (_, i) => ({ ...row(i), ownerId: owner.id })),
    });
    const ids = await t.app.db.prisma.repository.findMany({ select: { id: true, fullName: true } });
    const idOf = new Map(ids.map((r) => [r.fullName, r.id]));
    rows = Array.from({ length: COUNT }, (_, i) => ({ ...row(i), id: idOf.get(row(i).fullName)! }));
  });
  afterAll(() => t.close());

  const fetch = (variables: Record<string, unknown>) =>
    t.run(PAGE, variables).then((result) => connectionOf<{ fullName: string }>(result, 'repositories'));

  const fields: Field[] = ['STARS', 'FORKS', 'UPDATED_AT', 'PUSHED_AT', 'CREATED_AT', 'NAME'];
  const cases = fields.flatMap((field) => (['ASC', 'DESC'] as const).map((direction) => [field, direction] as const));

  it.each(cases)(
    '%s %s: forward pages of 7 list every row once, in order, with exact pageInfo',
    async (field, direction) => {
      const orderBy = { field, direction };
      const { pages, items } = await walkForward((after) => fetch({ first: 7, after, orderBy }));
      expect(items.map((n) => n.fullName)).toEqual(expectedOrder(rows, field, direction));
      expect(pages).toHaveLength(Math.ceil(COUNT / 7));
      expectConsistentPageInfo(pages);
    },
  );

  it.each(cases)(
    '%s %s: backward pages of 7 from the end list the same rows in the same order',
    async (field, direction) => {
      const orderBy = { field, direction };
      const { pages, items } = await walkBackward((before) => fetch({ last: 7, before, orderBy }));
      expect(items.map((n) => n.fullName)).toEqual(expectedOrder(rows, field, direction));
      expectConsistentPageInfo(pages);
      expect(pages[0]!.edges).toHaveLength(COUNT % 7 || 7); // the short page is at the start when paging back
    },
  );

  it('goes back to exactly the previous page with `before` the startCursor of the next one', async () => {
    const orderBy = { field: 'UPDATED_AT', direction: 'DESC' };
    const one = await fetch({ first: 6, orderBy });
    const two = await fetch({ first: 6, after: one.pageInfo.endCursor, orderBy });
    const back = await fetch({ last: 6, before: two.pageInfo.startCursor, orderBy });
    expect(back.edges).toEqual(one.edges);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('orders names case-insensitively ("alpha.." and "Zeta.." interleave by number only within their letter)', async () => {
    const page = await fetch({ first: 3, orderBy: { field: 'NAME' } });
    expect(page.edges.map((e) => e.node.fullName)).toEqual(['org/alpha00', 'org/alpha02', 'org/alpha04']);
    const last = await fetch({ last: 1, orderBy: { field: 'NAME' } });
    expect(last.edges.map((e) => e.node.fullName)).toEqual(['org/Zeta39']);
  });

  it('refuses a cursor made for another ordering with BAD_USER_INPUT', async () => {
    const stars = await fetch({ first: 2 });
    const result = await t.run(PAGE, { first: 2, after: stars.pageInfo.endCursor, orderBy: { field: 'NAME' } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/another ordering \(repository\.stars\.desc\)/);
  });
});

describe('Repositories: cursors stay valid while rows are inserted and deleted', () => {
  let t: TestApp;
  let ownerId: number;

  beforeAll(async () => {
    t = await createTestApp();
    ownerId = (await t.app.db.prisma.user.create({ data: { login: 'org' } })).id;
    await t.app.db.prisma.repository.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({ ...row(i), ownerId })),
    });
  });
  afterAll(() => t.close());

  const names = (page: { edges: Array<{ node: { fullName: string } }> }) => page.edges.map((e) => e.node.fullName);
  const fetch = (variables: Record<string, unknown>) =>
    t.run(PAGE, variables).then((result) => connectionOf<{ fullName: string }>(result, 'repositories'));
  const insert = (name: string, updatedAt: Date | null) =>
    t.app.db.prisma.repository.create({ data: { name, fullName: `org/${name}`, ownerId, updatedAt } });

  it('paging forward by a nullable date: a row inserted before the cursor is not seen, one after it is', async () => {
    const orderBy = { field: 'UPDATED_AT', direction: 'DESC' };
    const everything = names(await fetch({ first: 100, orderBy }));
    const first = await fetch({ first: 5, orderBy });
    await insert('newest', day(100)); // sorts first: before the cursor
    await insert('undated', null); // sorts last (NULLS LAST): after the cursor
    try {
      const { items } = await walkForward((after) =>
        fetch({ first: 4, after: after ?? first.pageInfo.endCursor, orderBy }),
      );
      expect([...names(first), ...items.map((n) => n.fullName)]).toEqual([...everything, 'org/undated']);
    } finally {
      await t.app.db.prisma.repository.deleteMany({ where: { name: { in: ['newest', 'undated'] } } });
    }
  });

  it('paging backward: a row inserted after the cursor is not seen, one before it is', async () => {
    const orderBy = { field: 'NAME' };
    const everything = names(await fetch({ first: 100, orderBy }));
    const last = await fetch({ last: 5, orderBy });
    await insert('zzz-after', null); // after the cursor (the end), already passed
    await insert('aaa-before', null); // before it: still ahead when paging back
    try {
      const { items } = await walkBackward((before) =>
        fetch({ last: 4, before: before ?? last.pageInfo.startCursor, orderBy }),
      );
      expect([...items.map((n) => n.fullName), ...names(last)]).toEqual(['org/aaa-before', ...everything]);
    } finally {
      await t.app.db.prisma.repository.deleteMany({ where: { name: { in: ['zzz-after', 'aaa-before'] } } });
    }
  });

  it('continues after a cursor whose row was deleted, and then reports nothing before it only if nothing is', async () => {
    const orderBy = { field: 'STARS', direction: 'DESC' };
    const everything = names(await fetch({ first: 100, orderBy }));
    const first = await fetch({ first: 1, orderBy });
    await t.app.db.prisma.repository.delete({ where: { fullName: names(first)[0]! } });
    const next = await fetch({ first: 100, after: first.pageInfo.endCursor, orderBy });
    expect(names(next)).toEqual(everything.slice(1));
    // Nothing precedes the deleted first row any more: hasPreviousPage is exact, not "a cursor was given".
    expect(next.pageInfo.hasPreviousPage).toBe(false);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });
});
