import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { featureSize, type FeatureSpec } from './features.js';
import type { ModelVersionRecord } from './model-versions.service.js';
import { Model } from './models.type.js';

@ObjectType({
  description: 'A trained, immutable version of a model: its artifact, how it was trained and how it scored.',
})
export class ModelVersion {
  constructor(readonly record: ModelVersionRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay); `setModelAlias(versionId:)` takes it.' })
  get id(): string {
    return toGlobalId('ModelVersion', this.record.id);
  }

  @Field(() => Int, { description: 'Number within its model: 1, 2, 3... in registration order.' })
  get version(): number {
    return this.record.version;
  }

  @Field(() => JSONScalar, { description: 'Training parameters (epochs, learning rate, ...).' })
  get params(): unknown {
    return this.record.params;
  }

  @Field(() => JSONScalar, { description: 'Evaluation metrics (accuracy, loss, ...) on held-out data.' })
  get metrics(): unknown {
    return this.record.metrics;
  }

  @Field(() => JSONScalar, { description: 'The data set it was trained on (name, size, date range, ...).' })
  get dataset(): unknown {
    return this.record.dataset;
  }

  @Field(() => String, { nullable: true, description: 'Who or what registered it (a user, a pipeline).' })
  get createdBy(): string | null {
    return this.record.createdBy;
  }

  @Field(() => ID, { nullable: true, description: 'The training pipeline run that produced it.' })
  get pipelineRunId(): string | null {
    return this.record.pipelineRunId;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }
}

@ObjectType()
export class ModelVersionConnection extends ConnectionType(ModelVersion, 'ModelVersion') {}

@ObjectType({ description: 'One input feature of a version: how a field of the input row becomes numbers.' })
export class ModelFeature {
  constructor(private readonly spec: FeatureSpec) {}

  @Field(() => String, { description: 'The input field it reads.' })
  get field(): string {
    return this.spec.field;
  }

  @Field(() => String, { description: 'number, boolean, category or text.' })
  get kind(): string {
    return this.spec.kind;
  }

  @Field(() => Int, { description: 'Numbers it contributes to the network input.' })
  get size(): number {
    return featureSize(this.spec);
  }

  @Field(() => Int, { nullable: true, description: 'Words (text) or values (category) it knows.' })
  get vocabularySize(): number | null {
    if (this.spec.kind === 'text') return this.spec.vocabulary.length;
    return this.spec.kind === 'category' ? this.spec.values.length : null;
  }
}

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
