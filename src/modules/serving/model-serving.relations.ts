// Serving fields of Model: how this API process serves it (counters and loaded versions, both in memory).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Model } from '../registry/index.js';
import type { LoadedVersion } from './loaded-version.js';
import type { ModelCache } from './model-cache.js';
import type { ServingStats } from './serving-stats.js';
import { LoadedModelVersion, VersionServingStats } from './serving-stats.type.js';

@Resolver(() => Model)
export class ModelServingRelationsResolver {
  constructor(
    private readonly stats: ServingStats,
    private readonly cache: ModelCache<LoadedVersion>,
  ) {}

  @FieldResolver(() => [VersionServingStats], {
    description: 'Per-version requests, errors and latency in this API process, newest version first (ADMIN).',
  })
  servingStats(@Root() model: Model, @Ctx() { viewer }: GraphQLContext): VersionServingStats[] {
    return this.stats.forModel(model.record.name, viewer).map((stats) => new VersionServingStats(stats));
  }

  @FieldResolver(() => [LoadedModelVersion], { description: 'Its versions loaded in this API process.' })
  loadedVersions(@Root() model: Model): LoadedModelVersion[] {
    return this.cache
      .list()
      .filter((entry) => entry.modelId === model.record.id)
      .map((entry) => new LoadedModelVersion(entry));
  }
}
