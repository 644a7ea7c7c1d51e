import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { featureSize, type FeatureSpec } from './features.js';
import type { ModelVersionRecord } from './model-versions.service.js';

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
