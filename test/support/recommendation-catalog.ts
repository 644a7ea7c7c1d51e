// A small catalog with structure for recommendation tests: four communities (an owner each, one language and
// topics), users contributing mostly inside one of them, and a helper that runs RECOMMEND and waits for it.
import { expect } from 'vitest';
import { TEST_ACTOR, type TestApp } from './app.js';

const COMMUNITIES = [
  { owner: 'reactish', language: 'TypeScript', topics: ['react', 'ui'], words: 'components hooks rendering' },
  { owner: 'dbworks', language: 'Go', topics: ['database', 'sql'], words: 'storage engine query planner' },
  { owner: 'tensorlab', language: 'Python', topics: ['machine-learning'], words: 'neural network training' },
  { owner: 'shellcraft', language: 'Rust', topics: ['cli'], words: 'terminal shell prompt' },
];
export const REPOS_PER_COMMUNITY = 12;
export const USERS = 80;

/** Users contribute mostly inside one community (4 of 5 contributions), so co-contribution carries signal. */
export async function seedCommunities(t: TestApp): Promise<void> {
  const prisma = t.app.db.prisma;
  for (const community of COMMUNITIES) {
    const owner = await prisma.user.create({ data: { login: community.owner, type: 'ORGANIZATION' } });
    await prisma.repository.createMany({
      data: Array.from({ length: REPOS_PER_COMMUNITY }, (_, i) => ({
        ownerId: owner.id,
        name: `${community.owner}-${i}`,
        fullName: `${community.owner}/${community.owner}-${i}`,
        description: `${community.words} project number ${i}`,
        topics: community.topics,
        language: community.language,
        stars: (i + 1) * 37,
        pushedAt: new Date(Date.UTC(2026, i % 12, 1)),
      })),
    });
  }
  const repos = await prisma.repository.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  const contributions: Array<{ userId: number; repositoryId: number }> = [];
  for (let u = 0; u < USERS; u += 1) {
    const user = await prisma.user.create({ data: { login: `dev-${u}`, bio: 'writes code' } });
    const home = u % COMMUNITIES.length;
    const picks = new Set<number>();
    for (let k = 0; k < 4; k += 1) picks.add(home * REPOS_PER_COMMUNITY + ((u * 7 + k * 5) % REPOS_PER_COMMUNITY));
    picks.add(((home + 1) % COMMUNITIES.length) * REPOS_PER_COMMUNITY + (u % REPOS_PER_COMMUNITY));
    for (const index of picks) contributions.push({ userId: user.id, repositoryId: repos[index]!.id });
  }
  await prisma.contribution.createMany({ data: contributions });
}

/** Starts a RECOMMEND run, waits for it, expects it to succeed; its id and result. */
export async function recommend(t: TestApp, full = false, trainEncoder = false): Promise<Record<string, unknown>> {
  const { pipeline } = t.app.modules.get('pipeline');
  const run = await t.app.modules.get('recommendations').runs.start({ full, trainEncoder }, TEST_ACTOR);
  await pipeline.waitFor(run.id);
  const done = await pipeline.get(run.id);
  expect(done.error).toBeNull();
  expect(done.status).toBe('SUCCEEDED');
  return { runId: run.id, ...(done.result as Record<string, unknown>) };
}
