// OKR rows for tests that need many of them (relation batching, lists): objectives of the given users, aligned in
// chains of three, each with key results and check-ins, written straight to the database.
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export async function seedOkrs(
  prisma: PrismaClient,
  counts: { objectives: number; keyResultsEach: number; checkInsEach: number },
): Promise<void> {
  const users = await prisma.user.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: counts.objectives });
  const start = new Date(Date.UTC(2026, 9, 1));
  const end = new Date(Date.UTC(2027, 0, 1));
  let previous: number | null = null;
  for (let i = 0; i < counts.objectives; i++) {
    const objective: { id: number } = await prisma.objective.create({
      data: {
        title: `objective ${i}`,
        period: '2026-Q4',
        periodStart: start,
        periodEnd: end,
        ownerId: users[i % users.length]!.id,
        parentId: i % 3 === 0 ? null : previous,
        level: i % 3 === 0 ? 'COMPANY' : 'TEAM',
        progress: 0.25,
        checkedInAt: new Date(),
      },
      select: { id: true },
    });
    previous = objective.id;
    for (let k = 0; k < counts.keyResultsEach; k++) {
      const kr = await prisma.keyResult.create({
        data: {
          objectiveId: objective.id,
          title: `key result ${i}.${k}`,
          startValue: 0,
          targetValue: 100,
          currentValue: 25,
          dueDate: new Date(Date.UTC(2026, 11, 31)),
          checkedInAt: new Date(),
        },
        select: { id: true },
      });
      await prisma.checkIn.createMany({
        data: Array.from({ length: counts.checkInsEach }, (_, c) => ({
          keyResultId: kr.id,
          authorId: users[i % users.length]!.id,
          value: 10 + c,
          confidence: 0.5,
        })),
      });
    }
  }
}
