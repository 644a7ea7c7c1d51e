import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ModelAlias } from './model-alias.type.js';
import { ModelVersion } from './model-version.type.js';
import { Model } from './models.type.js';

/** Relation fields of ModelAlias, through the request's DataLoaders. */
@Resolver(() => ModelAlias)
export class ModelAliasRelationsResolver {
  @FieldResolver(() => ModelVersion)
  async modelVersion(@Root() alias: ModelAlias, @Ctx() { loaders }: GraphQLContext): Promise<ModelVersion> {
    const version = await loaders.modelVersionById.load(alias.record.versionId);
    if (!version) throw new Error(`alias ${alias.record.alias} points at a missing version ${alias.record.versionId}`);
    return new ModelVersion(version);
  }

  @FieldResolver(() => Model)
  async model(@Root() alias: ModelAlias, @Ctx() { loaders }: GraphQLContext): Promise<Model> {
    const model = await loaders.modelById.load(alias.record.modelId);
    if (!model) throw new Error(`alias ${alias.record.alias} has no model row ${alias.record.modelId}`);
    return new Model(model);
  }
}
