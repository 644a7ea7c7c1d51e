import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ModelFeature, ModelVersion } from './model-version.type.js';
import { Model } from './models.type.js';

/** Relation fields of ModelVersion, through the request's DataLoaders. */
@Resolver(() => ModelVersion)
export class ModelVersionRelationsResolver {
  @FieldResolver(() => Model)
  async model(@Root() version: ModelVersion, @Ctx() { loaders }: GraphQLContext): Promise<Model> {
    const model = await loaders.modelById.load(version.record.modelId);
    if (!model) throw new Error(`model version ${version.record.id} has no model row ${version.record.modelId}`);
    return new Model(model);
  }

  @FieldResolver(() => [String], { description: 'Aliases that point at this version now.' })
  async aliases(@Root() version: ModelVersion, @Ctx() { loaders }: GraphQLContext): Promise<string[]> {
    const aliases = await loaders.aliasesByModelId.load(version.record.modelId);
    return aliases.filter((alias) => alias.versionId === version.record.id).map((alias) => alias.alias);
  }

  @FieldResolver(() => Int, { description: 'Bytes of weights.' })
  async sizeBytes(@Root() version: ModelVersion, @Ctx() { loaders }: GraphQLContext): Promise<number> {
    return (await loaders.versionArtifactById.load(version.record.id))?.bytes ?? 0;
  }

  @FieldResolver(() => [ModelFeature], {
    description: 'Its input preprocessing, stored with it (empty when the stored preprocessing is damaged).',
  })
  async features(@Root() version: ModelVersion, @Ctx() { loaders }: GraphQLContext): Promise<ModelFeature[]> {
    const info = await loaders.versionArtifactById.load(version.record.id);
    return (info?.features ?? []).map((spec) => new ModelFeature(spec));
  }
}
