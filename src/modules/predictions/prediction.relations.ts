// Relation fields of Prediction: the version that served it, through the request's DataLoaders.
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { loadModelVersion, ModelVersion } from '../registry/index.js';
import { Prediction } from './prediction.type.js';

/** Relation fields of Prediction, through the request's DataLoaders. */
@Resolver(() => Prediction)
export class PredictionRelationsResolver {
  @FieldResolver(() => ModelVersion)
  async modelVersion(@Root() prediction: Prediction, @Ctx() { loaders }: GraphQLContext): Promise<ModelVersion> {
    return loadModelVersion(loaders, prediction.record.modelVersionId);
  }

  @FieldResolver(() => Int, { description: 'The version that served it.' })
  async version(@Root() prediction: Prediction, @Ctx() { loaders }: GraphQLContext): Promise<number> {
    return (await loadModelVersion(loaders, prediction.record.modelVersionId)).version;
  }
}
