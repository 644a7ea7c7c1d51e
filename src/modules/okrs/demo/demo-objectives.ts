// Demo OKRs for a fresh embedded start: the illustrative objectives of okr_examples.jsonl, owned by the sample's
// most active users, set in the current quarter (so progress, status and forecasts are live), team objectives
// aligned under the objective their example names, each key result with a check-in history drawn by the SYNTHETIC generator up to
// today. Public, and written only into a database with no objectives at all: a person's own OKRs are never
// mixed with demo ones.
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { lastDay, periodFromLabel } from '../math/period.js';
import { keyResultProgress, objectiveProgress } from '../math/progress.js';
import type { OkrExample } from '../examples/okr-examples.js';
import { generateHistories } from '../forecast/synthetic-histories.js';

export interface DemoSummary {
  objectives: number;
  keyResults: number;
  checkIns: number;
  period: string;
  owners: string[];
}

/** "2026-Q4" for a date in October–December 2026. */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export async function seedDemoObjectives(
  prisma: PrismaClient,
  examples: readonly OkrExample[],
  options: { now: Date; seed?: number },
): Promise<DemoSummary | null> {
  if ((await prisma.objective.count()) > 0) return null;
  const roles = [...new Set(examples.map((e) => e.ownerRole ?? 'individual'))];
  // The most active contributors own them: the users a visitor is likely to look up anyway.
  const owners = await prisma.$queryRaw<Array<{ id: number; login: string }>>`
    SELECT u.id, u.login FROM users u JOIN contributions c ON c.user_id = u.id
     GROUP BY u.id, u.login ORDER BY count(*) DESC, u.login LIMIT ${roles.length}`;
  if (owners.length === 0) return null;
  const ownerOf = new Map(roles.map((role, i) => [role, owners[i % owners.length]!]));
  const period = periodFromLabel(quarterOf(options.now));
  const due = new Date(lastDay(period));
  const share = Math.min(
    1,
    (options.now.getTime() - period.start.getTime()) / (period.end.getTime() - period.start.getTime()),
  );
  const at = (s: number) => new Date(period.start.getTime() + s * (period.end.getTime() - period.start.getTime()));
  const seed = options.seed ?? 2026;
  let index = 0;
  const summary: DemoSummary = { objectives: 0, keyResults: 0, checkIns: 0, period: period.label, owners: [] };
  await prisma.$transaction(
    async (tx) => {
      const idByTitle = new Map<string, number>();
      for (const example of examples) {
        const owner = ownerOf.get(example.ownerRole ?? 'individual')!;
        // Aligned under the objective its example names, when that one is among the examples (and written before).
        const parentId = example.alignsTo ? (idByTitle.get(example.alignsTo) ?? null) : null;
        const objective = await tx.objective.create({
          data: {
            title: example.objective,
            description: example.context ? `Demo objective (${example.context}), from okr_examples.jsonl.` : null,
            context: example.ownerRole ? `owner role: ${example.ownerRole}` : null,
            period: period.label,
            periodStart: period.start,
            periodEnd: period.end,
            level: example.level,
            visibility: 'PUBLIC',
            ownerId: owner.id,
            parentId,
          },
          select: { id: true },
        });
        idByTitle.set(example.objective, objective.id);
        const progress: Array<{ progress: number; weight: number }> = [];
        let lastCheckIn: Date | null = null;
        for (const template of example.keyResults) {
          // Each key result its own generated history (its own seed: the same demo on every machine).
          const [history] = generateHistories([template], 1, seed + index++);
          const made = history!.checkIns
            .filter((c) => c.at <= share)
            .map((c) => ({
              ...c,
              value: template.metricType === 'PERCENT' ? Math.min(100, Math.max(0, c.value)) : c.value,
            }));
          const last = made.at(-1);
          const confidence = [...made].reverse().find((c) => c.confidence !== null)?.confidence ?? null;
          const kr = await tx.keyResult.create({
            data: {
              objectiveId: objective.id,
              title: template.title,
              metricType: template.metricType,
              unit: template.unit,
              startValue: template.startValue,
              targetValue: template.targetValue,
              currentValue: last?.value ?? template.startValue,
              dueDate: due,
              confidence,
              checkedInAt: last ? at(last.at) : null,
              version: 1 + made.length,
            },
            select: { id: true },
          });
          await tx.checkIn.createMany({
            data: made.map((c) => ({
              keyResultId: kr.id,
              authorId: owner.id,
              value: c.value,
              confidence: c.confidence,
              createdAt: at(c.at),
            })),
          });
          progress.push({
            progress: keyResultProgress({ ...template, currentValue: last?.value ?? template.startValue }),
            weight: 1,
          });
          if (last && (!lastCheckIn || at(last.at) > lastCheckIn)) lastCheckIn = at(last.at);
          summary.keyResults++;
          summary.checkIns += made.length;
        }
        await tx.objective.update({
          where: { id: objective.id },
          data: { progress: objectiveProgress(progress), checkedInAt: lastCheckIn },
        });
        summary.objectives++;
      }
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
  summary.owners = [...new Set([...ownerOf.values()].map((o) => o.login))];
  return summary;
}
