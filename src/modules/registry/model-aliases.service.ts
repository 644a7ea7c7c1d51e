// Aliases (champion, challenger, ...): named pointers to versions, as MLflow recommends instead of stages.
// Promotion and rollback are both "move the alias", each move recorded in the audit history; the traffic split
// shares unaddressed requests among aliases. Every change runs in one transaction under the model's row lock and
// is published as a registry event once that transaction commits.
import { actorName, authorize, type Actor } from '../../access/index.js';
import type { ModelAliasEvent, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { AppError, ErrorCode, badInput, notFound } from '../../errors.js';
import {
  emptyPage,
  fetchCounts,
  fetchPages,
  listQuery,
  type ListQuery,
  type Page,
  type PageArgs,
} from '../../lib/keyset/index.js';
import { lockModel, moveAlias, type AliasMove, type Tx } from './alias-moves.js';
import { assertAlias, assertVersionNumber } from './model-names.js';
import type { ModelRecord } from './models.service.js';
import type { RegistryChange, RegistryEvents } from './registry-events.js';
import { ALIAS_EVENT_ORDERING, aliasEventSource, asRecord } from './registry.queries.js';
import { storedTrafficSplit, validateTrafficSplit, type TrafficRoute } from './traffic-split.js';

/** One recorded alias move (the audit history). */
export type AliasEventRecord = ModelAliasEvent;

export interface AliasRecord {
  modelId: number;
  alias: string;
  versionId: number;
  version: number;
  updatedAt: Date;
}

export interface SetAliasInput {
  model: string;
  alias: string;
  /** The version by number (within the model), or by its database id: exactly one. */
  version?: number | null;
  versionId?: number | null;
  /** Who asks: must be allowed registry.write; recorded in the alias history. */
  actor: Actor;
  reason?: string | null;
}

const aliasSelect = {
  modelId: true,
  alias: true,
  versionId: true,
  updatedAt: true,
  version: { select: { version: true } },
} as const satisfies Prisma.ModelAliasSelect;

const toRecord = (row: Prisma.ModelAliasGetPayload<{ select: typeof aliasSelect }>): AliasRecord => ({
  ...row,
  version: row.version.version,
});

/** Who changes something (checked against the policy), and why: kept in the alias history and the event. */
export interface ChangeAuthor {
  actor: Actor;
  reason?: string | null;
}

/** Moves one alias of the locked model inside `moveWithin`'s transaction; false when it already pointed there. */
export type MoveAlias = (move: Omit<AliasMove, 'model'>) => Promise<boolean>;

const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export class ModelAliasService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: RegistryEvents,
  ) {}

  /** Moves (or creates) the alias; returns it as it now is. */
  async set(input: SetAliasInput): Promise<AliasRecord> {
    authorize(input.actor, 'registry.write');
    const alias = assertAlias(input.alias);
    if ((input.version == null) === (input.versionId == null))
      throw badInput('give exactly one of "version" (its number) or "versionId"', { argument: 'version' });
    if (input.version != null) assertVersionNumber(input.version);
    return this.moveWithin(input.model, async (tx, model, move) => {
      const target = await this.targetVersion(tx, model, input);
      await move({ alias, target, actor: actorName(input.actor), reason: input.reason });
      return toRecord(
        await tx.modelAlias.findUniqueOrThrow({
          where: { modelId_alias: { modelId: model.id, alias } },
          select: aliasSelect,
        }),
      );
    });
  }

  /**
   * Runs `work` in one transaction holding the model's row lock; the aliases it moves through `move` are
   * recorded in the history and published (ALIAS_SET) once the transaction commits, never when it rolls back.
   * For callers that decide and move together (promotion after training).
   */
  async moveWithin<T>(
    modelName: string,
    work: (tx: Tx, model: ModelRecord, move: MoveAlias) => Promise<T>,
    argument = 'name',
  ): Promise<T> {
    const changes: RegistryChange[] = [];
    const result = await this.prisma.$transaction(async (tx) => {
      const model = await lockModel(tx, modelName, argument);
      return work(tx, model, async (move) => {
        const change = await moveAlias(tx, { ...move, model });
        if (change) changes.push(change);
        return change !== null;
      });
    }, TX_OPTIONS);
    this.events.publish(changes);
    return result;
  }

  /** Removes the alias (recorded in the history); refused while the traffic split routes to it. */
  async delete(input: { model: string; alias: string } & ChangeAuthor): Promise<ModelRecord> {
    authorize(input.actor, 'registry.write');
    const alias = assertAlias(input.alias);
    const deleted = await this.prisma.$transaction(async (tx) => {
      const model = await lockModel(tx, input.model);
      const key = { modelId_alias: { modelId: model.id, alias } };
      const current = await tx.modelAlias.findUnique({ where: key, select: aliasSelect });
      if (!current) throw notFound(`model "${model.name}" has no alias "${alias}"`, { argument: 'alias' });
      if (storedTrafficSplit(model.trafficSplit).some((route) => route.alias === alias))
        throw new AppError(
          ErrorCode.CONFLICT,
          `the traffic split of "${model.name}" routes to "${alias}": change the split (setTrafficSplit) first`,
          { argument: 'alias' },
        );
      await tx.modelAlias.delete({ where: key });
      await tx.modelAliasEvent.create({
        data: {
          modelId: model.id,
          alias,
          fromVersion: current.version.version,
          toVersion: null,
          actor: actorName(input.actor),
          reason: input.reason ?? null,
        },
      });
      return { model, fromVersion: current.version.version };
    }, TX_OPTIONS);
    this.events.publish([
      {
        kind: 'ALIAS_DELETED',
        model: deleted.model.name,
        alias,
        fromVersion: deleted.fromVersion,
        actor: actorName(input.actor),
        reason: input.reason,
      },
    ]);
    return deleted.model;
  }

  /** Replaces the split; every alias must exist and every weight be positive. An empty list removes it. */
  async setTrafficSplit(
    modelName: string,
    routes: readonly TrafficRoute[],
    author: ChangeAuthor,
  ): Promise<ModelRecord> {
    authorize(author.actor, 'registry.write');
    const updated = await this.prisma.$transaction(async (tx) => {
      const model = await lockModel(tx, modelName);
      const aliases = await tx.modelAlias.findMany({ where: { modelId: model.id }, select: { alias: true } });
      const split = validateTrafficSplit(routes, new Set(aliases.map((a) => a.alias)));
      return tx.model.update({
        where: { id: model.id },
        data: { trafficSplit: split as unknown as Prisma.InputJsonValue },
      });
    }, TX_OPTIONS);
    const split = storedTrafficSplit(updated.trafficSplit);
    this.events.publish([
      {
        kind: 'TRAFFIC_SPLIT_SET',
        model: updated.name,
        routes: split,
        actor: actorName(author.actor),
        reason: author.reason,
      },
    ]);
    return updated;
  }

  /** The version an alias points at; NOT_FOUND naming the aliases that do exist. */
  /** The model named `modelName` and the version its `alias` points at, in one read; null when either is missing. */
  async findTarget(
    modelName: string,
    alias: string,
  ): Promise<{ model: ModelRecord; id: number; version: number } | null> {
    const row = await this.prisma.modelAlias.findFirst({
      where: { alias, model: { name: modelName } },
      select: { versionId: true, version: { select: { version: true } }, model: true },
    });
    return row ? { model: row.model, id: row.versionId, version: row.version.version } : null;
  }

  async resolve(model: ModelRecord, alias: string, argument = 'alias'): Promise<{ id: number; version: number }> {
    const row = await this.prisma.modelAlias.findUnique({
      where: { modelId_alias: { modelId: model.id, alias } },
      select: { versionId: true, version: { select: { version: true } } },
    });
    if (row) return { id: row.versionId, version: row.version.version };
    const known = (await this.byModelIds([model.id])).get(model.id)?.map((a) => a.alias) ?? [];
    throw notFound(
      `model "${model.name}" has no alias "${alias}"${known.length ? ` (its aliases: ${known.join(', ')})` : ''}`,
      { argument },
    );
  }

  async byModelIds(ids: readonly number[]): Promise<Map<number, AliasRecord[]>> {
    const rows = await this.prisma.modelAlias.findMany({
      where: { modelId: { in: [...new Set(ids)] } },
      orderBy: [{ modelId: 'asc' }, { alias: 'asc' }],
      select: aliasSelect,
    });
    const byModel = new Map<number, AliasRecord[]>(ids.map((id) => [id, []]));
    for (const row of rows) byModel.get(row.modelId)?.push(toRecord(row));
    return byModel;
  }

  /** A page of each model's alias moves (`ALIAS_EVENT_ORDERING`, newest first), one statement for all. */
  historyOf(modelIds: readonly number[], query: ListQuery): Promise<Map<number, Page<AliasEventRecord>>> {
    const parents = { type: 'int' as const, keys: modelIds };
    return fetchPages(this.prisma, parents, aliasEventSource, query.plan, asRecord<AliasEventRecord>);
  }

  /** One model's alias moves, newest first (for callers inside the process: commands, tests). */
  async history(modelId: number, page: PageArgs = {}): Promise<Page<AliasEventRecord>> {
    const pages = await this.historyOf([modelId], listQuery([], ALIAS_EVENT_ORDERING, page, null));
    return pages.get(modelId) ?? emptyPage();
  }

  /** How many alias moves each model has. */
  historyCounts(modelIds: readonly number[]): Promise<Map<number, number>> {
    return fetchCounts(this.prisma, { type: 'int', keys: modelIds }, aliasEventSource);
  }

  private async targetVersion(tx: Tx, model: ModelRecord, input: SetAliasInput) {
    if (input.version != null) {
      const row = await tx.modelVersion.findUnique({
        where: { modelId_version: { modelId: model.id, version: input.version } },
        select: { id: true, version: true },
      });
      if (!row)
        throw notFound(
          `model "${model.name}" has no version ${input.version}${
            model.latestVersion > 0
              ? ` (its versions run from 1 to ${model.latestVersion})`
              : ' (it has no versions yet)'
          }`,
          { argument: 'version' },
        );
      return row;
    }
    const row = await tx.modelVersion.findUnique({
      where: { id: input.versionId! },
      select: { id: true, version: true, model: { select: { id: true, name: true } } },
    });
    if (!row) throw notFound(`no model version with id ${input.versionId}`, { argument: 'versionId' });
    if (row.model.id !== model.id)
      throw badInput(
        `that version is version ${row.version} of model "${row.model.name}", not of "${model.name}": an alias points within its own model`,
        { argument: 'versionId' },
      );
    return { id: row.id, version: row.version };
  }
}
