// Model versions: immutable artifacts with their training params, evaluation metrics, dataset and provenance.
// `register` is what training calls: it checks the artifact loads and fits the model, then allocates the next
// version number and stores the version (and optionally moves aliases to it) in one transaction; once it commits,
// VERSION_REGISTERED (and ALIAS_SET for each alias moved) is published.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { ArtifactError, disposeModel, type MlRuntime, type ModelArtifact } from '../../infra/ml/index.js';
import { badInput, notFound } from '../../errors.js';
import { retryTransient } from '../../lib/retry.js';
import { fetchPages, type ListQuery, type Page } from '../../lib/keyset/index.js';
import { moveAlias } from './alias-moves.js';
import { parseFeatures, type FeatureSpec } from './features.js';
import { parseInputSchema } from './input-schema.js';
import { assertAlias, assertVersionNumber, missingVersionMessage } from './model-names.js';
import type { ModelRecord, ModelService } from './models.service.js';
import type { RegistryChange, RegistryEvents } from './registry-events.js';
import { asRecord, versionSource } from './registry.queries.js';
import { buildVersion, storedFeatures, toStoredTopology } from './version-artifact.js';

export const versionSelect = {
  id: true,
  modelId: true,
  version: true,
  params: true,
  metrics: true,
  dataset: true,
  createdBy: true,
  pipelineRunId: true,
  createdAt: true,
} as const satisfies Prisma.ModelVersionSelect;

const VERSION_SOURCE = versionSource(versionSelect);

/** `modelId:version`, the key of `findByNumbers`. */
export const versionKey = (key: { modelId: number; version: number }) => `${key.modelId}:${key.version}`;

/** A version without its artifact (topology and weights are read only to load it). */
export type ModelVersionRecord = Prisma.ModelVersionGetPayload<{ select: typeof versionSelect }>;

type Json = Record<string, unknown>;

export interface RegisterVersionInput {
  model: string;
  artifact: ModelArtifact;
  /** How input rows become the network's input (vocabularies, scaling): stored with the version. */
  features: FeatureSpec[];
  params?: Json;
  metrics?: Json;
  dataset?: Json;
  createdBy?: string | null;
  pipelineRunId?: string | null;
  /** Aliases to move to the new version in the same transaction (e.g. ["challenger"]). */
  aliases?: string[];
  reason?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ModelVersionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly models: ModelService,
    private readonly runtime: MlRuntime,
    private readonly events: RegistryEvents,
  ) {}

  async register(input: RegisterVersionInput): Promise<ModelVersionRecord> {
    const model = await this.models.getByName(input.model, 'model');
    const features = parseFeatures(input.features, parseInputSchema(model.inputSchema));
    const aliases = (input.aliases ?? []).map((alias) => assertAlias(alias, 'aliases'));
    if (input.pipelineRunId != null && !UUID.test(input.pipelineRunId))
      throw badInput('pipelineRunId must be a pipeline run id (a UUID)', { argument: 'pipelineRunId' });
    const topology = toStoredTopology(input.artifact, features);
    await this.check(model, { topology, weights: input.artifact.weights });
    const changes: RegistryChange[] = [];
    // Retried when the database drops the connection (the transaction was rolled back, or committed with its answer
    // lost): a version registered by the same pipeline run is found and returned, never registered twice.
    const registered = await retryTransient(() =>
      this.prisma.$transaction(
        async (tx) => {
          changes.length = 0;
          if (input.pipelineRunId != null) {
            const existing = await tx.modelVersion.findFirst({
              where: { modelId: model.id, pipelineRunId: input.pipelineRunId },
              select: versionSelect,
            });
            if (existing) return existing;
          }
          // One atomic increment: it row-locks the model until commit, so concurrent registrations get distinct numbers.
          const { latestVersion } = await tx.model.update({
            where: { id: model.id },
            data: { latestVersion: { increment: 1 } },
            select: { latestVersion: true },
          });
          const created = await tx.modelVersion.create({
            data: {
              modelId: model.id,
              version: latestVersion,
              topology,
              weights: input.artifact.weights as Uint8Array<ArrayBuffer>,
              params: (input.params ?? {}) as Prisma.InputJsonValue,
              metrics: (input.metrics ?? {}) as Prisma.InputJsonValue,
              dataset: (input.dataset ?? {}) as Prisma.InputJsonValue,
              createdBy: input.createdBy ?? null,
              pipelineRunId: input.pipelineRunId ?? null,
            },
            select: versionSelect,
          });
          changes.push({
            kind: 'VERSION_REGISTERED',
            model: model.name,
            version: created.version,
            versionId: created.id,
            actor: input.createdBy,
            reason: input.reason,
          });
          for (const alias of aliases) {
            const moved = await moveAlias(tx, {
              model,
              alias,
              target: created,
              actor: input.createdBy,
              reason: input.reason,
            });
            if (moved) changes.push(moved);
          }
          return created;
        },
        { maxWait: 10_000, timeout: 30_000 },
      ),
    );
    this.events.publish(changes);
    return registered;
  }

  async get(modelName: string, version: number): Promise<ModelVersionRecord> {
    assertVersionNumber(version);
    const model = await this.models.getByName(modelName);
    return this.getOf(model, version);
  }

  async getOf(model: ModelRecord, version: number): Promise<ModelVersionRecord> {
    const row = await this.prisma.modelVersion.findUnique({
      where: { modelId_version: { modelId: model.id, version } },
      select: versionSelect,
    });
    if (!row) throw notFound(missingVersionMessage(model, version), { argument: 'version' });
    return row;
  }

  async findByIds(ids: readonly number[]): Promise<Map<number, ModelVersionRecord>> {
    const rows = await this.prisma.modelVersion.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: versionSelect,
    });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** A page of each model's versions (`VERSION_ORDERING`, newest first), one statement however many models. */
  pagesOf(modelIds: readonly number[], query: ListQuery): Promise<Map<number, Page<ModelVersionRecord>>> {
    return fetchPages(
      this.prisma,
      { type: 'int', keys: modelIds },
      VERSION_SOURCE,
      query.plan,
      asRecord<ModelVersionRecord>,
    );
  }

  /** Versions by (model id, version number), for `Model.predictions(version:)`; absent ones are left out. */
  async findByNumbers(
    keys: ReadonlyArray<{ modelId: number; version: number }>,
  ): Promise<Map<string, ModelVersionRecord>> {
    const rows = await this.prisma.modelVersion.findMany({
      where: { OR: keys.map(({ modelId, version }) => ({ modelId, version })) },
      select: versionSelect,
    });
    return new Map(rows.map((row) => [versionKey(row), row]));
  }

  async counts(modelIds: readonly number[]): Promise<Map<number, number>> {
    const groups = await this.prisma.modelVersion.groupBy({
      by: ['modelId'],
      where: { modelId: { in: [...new Set(modelIds)] } },
      _count: { _all: true },
    });
    return new Map(groups.map((group) => [group.modelId, group._count._all]));
  }

  /** Weight bytes and feature specs of each version, read without shipping the weights themselves. */
  async artifactInfo(ids: readonly number[]): Promise<Map<number, { bytes: number; features: FeatureSpec[] | null }>> {
    const rows = await this.prisma.$queryRaw<Array<{ id: number; bytes: number; features: unknown; model: unknown }>>`
      SELECT v.id, octet_length(v.weights)::int AS bytes, v.topology -> 'preprocessing' -> 'features' AS features,
             json_build_object('task', m.task, 'inputSchema', m.input_schema, 'outputSchema', m.output_schema) AS model
      FROM model_versions v JOIN models m ON m.id = v.model_id WHERE v.id = ANY(${[...new Set(ids)]}::int[])`;
    return new Map(
      rows.map((row) => {
        let features: FeatureSpec[] | null = null;
        try {
          features = storedFeatures({ preprocessing: { features: row.features } }, row.model as never);
        } catch {
          // A damaged version still lists; loading it reports what is wrong.
        }
        return [row.id, { bytes: row.bytes, features }];
      }),
    );
  }

  /** The stored artifact of one version (topology and weight bytes), for loading. */
  async artifact(versionId: number): Promise<{ topology: unknown; weights: Uint8Array }> {
    const row = await this.prisma.modelVersion.findUnique({
      where: { id: versionId },
      select: { topology: true, weights: true },
    });
    if (!row) throw notFound(`no model version with id ${versionId}`);
    return row;
  }

  /** Registration refuses what serving could not load, with the reason as a BAD_USER_INPUT. */
  private async check(model: ModelRecord, stored: { topology: unknown; weights: Uint8Array }): Promise<void> {
    try {
      disposeModel((await buildVersion(this.runtime.tf, stored, model)).network);
    } catch (error) {
      if (error instanceof ArtifactError)
        throw badInput(`the artifact does not fit model "${model.name}": ${error.message}`, { argument: 'artifact' });
      throw error;
    }
  }
}
