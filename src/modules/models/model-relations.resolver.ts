import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { toConnection } from '../../graphql/connection.js';
import { ForwardPaginationArgs, pageSize } from '../../graphql/pagination.args.js';
import { forwardPage } from '../../lib/keyset/index.js';
import type { LoadedVersion } from './loaded-version.js';
import { ModelAlias, ModelAliasEventConnection, ModelAliasEvent, TrafficRoute } from './model-alias.type.js';
import type { ModelAliasService } from './model-aliases.service.js';
import type { ModelCache } from './model-cache.js';
import { ModelVersion, ModelVersionConnection } from './model-version.type.js';
import type { ModelVersionService } from './model-versions.service.js';
import { PredictionsArgs } from './models.input.js';
import { Model } from './models.type.js';
import type { PredictionService } from './predictions.service.js';
import type { ServingStats } from './serving-stats.js';
import { Prediction, PredictionConnection } from './prediction.type.js';
import { LoadedModelVersion, VersionServingStats } from './serving-stats.type.js';
import { storedTrafficSplit } from './traffic-split.js';

export interface ModelRelationsDeps {
  versions: ModelVersionService;
  aliases: ModelAliasService;
  predictions: PredictionService;
  stats: ServingStats;
  cache: ModelCache<LoadedVersion>;
}

/** Fields of Model: lists through the request's DataLoaders, serving state from this process. */
@Resolver(() => Model)
export class ModelRelationsResolver {
  constructor(private readonly deps: ModelRelationsDeps) {}

  @FieldResolver(() => ModelVersionConnection, { description: 'Versions, newest first.' })
  async versions(
    @Root() model: Model,
    @Args(() => ForwardPaginationArgs) { first, after }: ForwardPaginationArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ModelVersionConnection> {
    const size = pageSize(first);
    const modelId = model.record.id;
    const page = await loaders.versionsPage({ take: size + 1, after: after ?? null }).load(modelId);
    return toConnection(ModelVersionConnection, forwardPage(page.rows, size, Boolean(after), page.cursorOf), {
      node: (row) => new ModelVersion(row),
      totalCount: () => loaders.versionCountByModelId.load(modelId),
    });
  }

  @FieldResolver(() => [ModelAlias], { description: 'Aliases and the versions they point at, by alias.' })
  async aliases(@Root() model: Model, @Ctx() { loaders }: GraphQLContext): Promise<ModelAlias[]> {
    return (await loaders.aliasesByModelId.load(model.record.id)).map((record) => new ModelAlias(record));
  }

  @FieldResolver(() => ModelAliasEventConnection, { description: 'Every alias move, newest first (the audit trail).' })
  async aliasHistory(
    @Root() model: Model,
    @Args(() => ForwardPaginationArgs) { first, after }: ForwardPaginationArgs,
  ): Promise<ModelAliasEventConnection> {
    const size = pageSize(first);
    const page = await this.deps.aliases.history(model.record.id, { take: size + 1, after: after ?? null });
    return toConnection(ModelAliasEventConnection, forwardPage(page.rows, size, Boolean(after), page.cursorOf), {
      node: (row) => new ModelAliasEvent(row),
      totalCount: page.count,
    });
  }

  @FieldResolver(() => [TrafficRoute], { description: 'How unaddressed predict calls are shared; empty: none.' })
  async trafficSplit(@Root() model: Model, @Ctx() { loaders }: GraphQLContext): Promise<TrafficRoute[]> {
    const routes = storedTrafficSplit(model.record.trafficSplit);
    if (routes.length === 0) return [];
    const aliases = await loaders.aliasesByModelId.load(model.record.id);
    const total = routes.reduce((sum, route) => sum + route.weight, 0);
    return routes.map((route) =>
      Object.assign(new TrafficRoute(), {
        ...route,
        share: route.weight / total,
        version: aliases.find((alias) => alias.alias === route.alias)?.version ?? null,
      }),
    );
  }

  @FieldResolver(() => [VersionServingStats], {
    description: 'Per-version requests, errors and latency in this API process, newest version first.',
  })
  servingStats(@Root() model: Model): VersionServingStats[] {
    return this.deps.stats.forModel(model.record.name).map((stats) => new VersionServingStats(stats));
  }

  @FieldResolver(() => [LoadedModelVersion], { description: 'Its versions loaded in this API process.' })
  loadedVersions(@Root() model: Model): LoadedModelVersion[] {
    return this.deps.cache
      .list()
      .filter((entry) => entry.modelId === model.record.id)
      .map((entry) => new LoadedModelVersion(entry));
  }

  @FieldResolver(() => PredictionConnection, { description: 'Logged (sampled) predictions, newest first.' })
  async predictions(
    @Root() model: Model,
    @Args(() => PredictionsArgs) { first, after, version, since, until }: PredictionsArgs,
  ): Promise<PredictionConnection> {
    const size = pageSize(first);
    const versionIds = version == null ? undefined : [(await this.deps.versions.getOf(model.record, version)).id];
    const page = await this.deps.predictions.list({
      modelId: model.record.id,
      versionIds,
      since,
      until,
      take: size + 1,
      after: after ?? null,
    });
    return toConnection(PredictionConnection, forwardPage(page.rows, size, Boolean(after), page.cursorOf), {
      node: (row) => new Prediction(row),
      totalCount: page.count,
    });
  }
}
