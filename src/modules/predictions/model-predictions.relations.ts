// The prediction log as a field of Model: sampled predictions, newest first, filtered by version and time, through
// the request's DataLoaders (one statement for every model of the response).
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { toConnection } from '../../graphql/connection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { notFound } from '../../errors.js';
import { missingVersionMessage, Model } from '../registry/index.js';
import { Prediction, PredictionConnection } from './prediction.type.js';
import { PredictionsArgs } from './predictions.input.js';
import { predictionListQuery } from './predictions.query.js';

@Resolver(() => Model)
export class ModelPredictionsRelationsResolver {
  @FieldResolver(() => PredictionConnection, { description: 'Logged (sampled) predictions, newest first (ADMIN).' })
  async predictions(
    @Root() model: Model,
    @Args(() => PredictionsArgs) { version, since, until, ...page }: PredictionsArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<PredictionConnection> {
    const { record } = model;
    let versionId: number | null = null;
    if (version != null) {
      const found = await loaders.modelVersionByNumber.load({ modelId: record.id, version });
      if (!found) throw notFound(missingVersionMessage(record, version), { argument: 'version' });
      versionId = found.id;
    }
    const query = predictionListQuery({ ...page, versionId, since, until });
    const pageOf = await loaders.predictionsOf(query).load(record.id);
    return toConnection(PredictionConnection, pageOf, {
      node: (row) => new Prediction(row),
      totalCount: () => loaders.predictionCountOf(query).load(record.id),
    });
  }
}
