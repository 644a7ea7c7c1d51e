// Registry fields of Model: its versions, aliases, alias history and traffic split, each through the request's
// DataLoaders (one statement per request however many models the response lists).
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { toConnection } from '../../graphql/connection.js';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import { listQuery } from '../../lib/keyset/index.js';
import { ModelAlias, ModelAliasEventConnection, ModelAliasEvent, TrafficRoute } from './model-alias.type.js';
import { ALIAS_EVENT_ORDERING, VERSION_ORDERING } from './registry.queries.js';
import { ModelVersion, ModelVersionConnection } from './model-version.type.js';
import { Model } from './models.type.js';
import { storedTrafficSplit } from './traffic-split.js';

@Resolver(() => Model)
export class ModelRegistryRelationsResolver {
  @FieldResolver(() => ModelVersionConnection, { description: 'Versions, newest first.' })
  async versions(
    @Root() model: Model,
    @Args(() => PaginationArgs) args: PaginationArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ModelVersionConnection> {
    const modelId = model.record.id;
    const page = await loaders.versionsOf(listQuery([], VERSION_ORDERING, args, null)).load(modelId);
    return toConnection(ModelVersionConnection, page, {
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
    @Args(() => PaginationArgs) args: PaginationArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ModelAliasEventConnection> {
    const modelId = model.record.id;
    const page = await loaders.aliasHistoryOf(listQuery([], ALIAS_EVENT_ORDERING, args, null)).load(modelId);
    return toConnection(ModelAliasEventConnection, page, {
      node: (row) => new ModelAliasEvent(row),
      totalCount: () => loaders.aliasHistoryCountByModelId.load(modelId),
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
}
