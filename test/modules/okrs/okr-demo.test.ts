// The demo OKRs a fresh start writes: every example objective in the current quarter, public, owned by the most
// active contributors, aligned as their examples say, check-ins only up to today; written once,
// never into a database that has objectives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoObjectives, quarterOf } from '../../../src/modules/okrs/demo/demo-objectives.js';
import { readOkrExamples } from '../../../src/modules/okrs/examples/okr-examples.js';
import { refreshProgress } from '../../../src/modules/okrs/okr-transaction.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { seedCatalog, seedContributors } from '../../support/catalog.js';

describe('demo OKRs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 3, repositories: 12 });
    await seedContributors(t.app.db.prisma, { pool: 20, perRepository: 4 });
  }, 60_000);
  afterAll(async () => t?.close());

  it('writes the examples once, live in the current quarter, with check-ins up to now', async () => {
    const now = new Date(Date.UTC(2026, 10, 15));
    const examples = await readOkrExamples('data/sample');
    const summary = await seedDemoObjectives(t.app.db.prisma, examples, { now });
    expect(summary).toMatchObject({ objectives: examples.length, period: '2026-Q4' });
    expect(summary!.keyResults).toBe(examples.flatMap((e) => e.keyResults).length);
    expect(summary!.checkIns).toBeGreaterThan(summary!.keyResults); // several each, on average
    const prisma = t.app.db.prisma;
    expect(await prisma.objective.count({ where: { visibility: 'PUBLIC', period: quarterOf(now) } })).toBe(
      examples.length,
    );
    const late = await prisma.checkIn.count({ where: { createdAt: { gt: now } } });
    expect(late).toBe(0);
    // Objectives sit under the one their example aligns to, when it is among the examples.
    const aligned = await prisma.objective.findMany({ where: { parentId: { not: null } }, include: { parent: true } });
    const expected = examples.filter((e) => e.alignsTo && examples.some((p) => p.objective === e.alignsTo));
    expect(aligned).toHaveLength(expected.length);
    expect(aligned.length).toBeGreaterThan(3);
    for (const o of aligned) expect(o.parent!.title).toBe(examples.find((e) => e.objective === o.title)!.alignsTo);
    // Stored progress agrees with the API's own maths (refreshing it changes nothing).
    const stored = await prisma.objective.findMany({ select: { id: true, progress: true } });
    for (const o of stored.slice(0, 5))
      expect(await prisma.$transaction((tx) => refreshProgress(tx, o.id))).toBeCloseTo(o.progress, 9);
    expect(await seedDemoObjectives(prisma, examples, { now })).toBeNull();
  });
});
