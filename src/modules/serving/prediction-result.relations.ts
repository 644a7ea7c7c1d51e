// Relation fields of PredictionResult: the version that served it, through the request's DataLoaders.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { loadModelVersion, ModelVersion } from '../registry/index.js';
import { PredictionResult } from './serving.type.js';

/** Relation fields of PredictionResult, through the request's DataLoaders. */
@Resolver(() => PredictionResult)
export class PredictionResultRelationsResolver {
  @FieldResolver(() => ModelVersion)
  async modelVersion(@Root() result: PredictionResult, @Ctx() { loaders }: GraphQLContext): Promise<ModelVersion> {
    return loadModelVersion(loaders, result.outcome.id);
  }
}
