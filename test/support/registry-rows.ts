// Registry rows written straight to the database, for tests that only read them (statement counts, listings):
// models with versions, aliases, alias history, a traffic split and logged predictions. The artifacts are not
// loadable networks; tests that predict register real ones (models.ts).
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { LINEAR_FEATURES, LINEAR_INPUT_SCHEMA } from './models.js';

/** `models` models "model-00".., each with 2 versions, champion → v2, 2 alias moves and 2 predictions per version. */
export async function seedRegistry(prisma: PrismaClient, { models }: { models: number }): Promise<void> {
  const names = Array.from({ length: models }, (_, i) => `model-${String(i).padStart(2, '0')}`);
  await prisma.model.createMany({
    data: names.map((name) => ({
      name,
      task: 'regression',
      inputSchema: LINEAR_INPUT_SCHEMA,
      outputSchema: { names: ['y'] },
      trafficSplit: [{ alias: 'champion', weight: 1 }],
      latestVersion: 2,
    })),
  });
  const rows = await prisma.model.findMany({ select: { id: true } });
  await prisma.modelVersion.createMany({
    data: rows.flatMap(({ id }) =>
      [1, 2].map((version) => ({
        modelId: id,
        version,
        topology: { modelTopology: {}, weightSpecs: [], preprocessing: { features: LINEAR_FEATURES } },
        weights: new Uint8Array(8),
        createdBy: 'seed',
      })),
    ),
  });
  const versions = await prisma.modelVersion.findMany({ select: { id: true, modelId: true, version: true } });
  await prisma.modelAlias.createMany({
    data: versions
      .filter((v) => v.version === 2)
      .map((v) => ({ modelId: v.modelId, alias: 'champion', versionId: v.id })),
  });
  await prisma.modelAliasEvent.createMany({
    data: rows.flatMap(({ id }) => [
      { modelId: id, alias: 'champion', fromVersion: null, toVersion: 1, actor: 'seed' },
      { modelId: id, alias: 'champion', fromVersion: 1, toVersion: 2, actor: 'seed' },
    ]),
  });
  await prisma.prediction.createMany({
    data: versions.flatMap((v) =>
      [0, 1].map((i) => ({ modelVersionId: v.id, input: { a: i, b: 1 }, output: { y: i }, latencyMs: 0.5 })),
    ),
  });
}
