import { predictWeight } from '../../graphql/cost-weights.js';
import { Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import type { ModelCache } from './model-cache.js';
import type { LoadedVersion } from './loaded-version.js';
import { PredictArgs, ServingChangeArgs } from './serving.input.js';
import type { ServingService } from './serving.service.js';
import { LoadedModelVersion, ModelCacheInfo } from './serving-stats.type.js';
import { PredictionResult } from './serving.type.js';

/** Serving: predictions, and the versions this process holds loaded. */
@Resolver(() => PredictionResult)
export class ServingResolver {
  constructor(
    private readonly serving: ServingService,
    private readonly cache: ModelCache<LoadedVersion>,
  ) {}

  @Query(() => PredictionResult, {
    description:
      'Runs the rows through one version as a single batch. Routing: version, else alias, else the traffic split ' +
      '(sticky per routingKey), else "champion". Sampled calls are logged (Model.predictions). Needs MEMBER.',
    complexity: predictWeight,
  })
  async predict(
    @Args(() => PredictArgs) args: PredictArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<PredictionResult> {
    return new PredictionResult(await this.serving.predict(args, viewer));
  }

  @Query(() => ModelCacheInfo, { description: 'Versions loaded in this API process and the memory they hold.' })
  modelCache(): ModelCacheInfo {
    return Object.assign(new ModelCacheInfo(), {
      models: this.cache.size,
      bytes: this.cache.bytes,
      maxModels: this.cache.limits.maxModels,
      maxBytes: this.cache.limits.maxBytes,
      versions: this.cache.list().map((entry) => new LoadedModelVersion(entry)),
    });
  }

  @Mutation(() => LoadedModelVersion, {
    description:
      'Loads a version (by alias or number) into every process, so its first prediction is fast: this process ' +
      'before answering (an error here is returned), the others right after (their errors are logged).',
  })
  async loadModel(
    @Args(() => ServingChangeArgs) { name, alias, version, reason }: ServingChangeArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<LoadedModelVersion> {
    return new LoadedModelVersion(await this.serving.load({ model: name, alias, version }, { actor: viewer, reason }));
  }

  @Mutation(() => Int, {
    description:
      'Unloads a version (by alias or number) or, with neither, every version of the model, from every process: ' +
      'this one before answering, the others right after. Returns how many this process unloaded.',
  })
  unloadModel(
    @Args(() => ServingChangeArgs) { name, alias, version, reason }: ServingChangeArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<number> {
    return this.serving.unload({ model: name, alias, version }, { actor: viewer, reason });
  }
}
