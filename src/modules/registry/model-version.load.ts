// A model version by database id through the request's loader, as a GraphQL object: for relation fields of other
// modules' types that point at the version that served them (Prediction, PredictionResult).
import type { GraphQLContext } from '../../graphql/context.js';
import { ModelVersion } from './model-version.type.js';

export async function loadModelVersion(loaders: GraphQLContext['loaders'], id: number): Promise<ModelVersion> {
  const version = await loaders.modelVersionById.load(id);
  if (!version) throw new Error(`model version ${id} does not exist`);
  return new ModelVersion(version);
}
