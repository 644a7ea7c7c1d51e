import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import type { ModelRecord } from './models.service.js';

// GraphQL names in capitals, stored values as the registry writes them.
export enum ModelTaskType {
  CLASSIFICATION = 'classification',
  REGRESSION = 'regression',
  EMBEDDING = 'embedding',
}
registerEnumType(ModelTaskType, {
  name: 'ModelTask',
  description: 'What a model predicts; decides how its outputs read (see `outputSchema`).',
  valuesConfig: {
    CLASSIFICATION: { description: 'A label per row, with a score per label: outputSchema { labels }.' },
    REGRESSION: { description: 'Named numbers per row: outputSchema { names }.' },
    EMBEDDING: { description: 'A vector per row.' },
  },
});

@ObjectType({ description: 'A model in the registry: what it predicts and from what; its versions hold the weights.' })
export class Model {
  constructor(readonly record: ModelRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('Model', this.record.id);
  }

  @Field(() => String, { description: 'Unique name, e.g. "kr-completion".' })
  get name(): string {
    return this.record.name;
  }

  @Field(() => String, { nullable: true })
  get description(): string | null {
    return this.record.description;
  }

  @Field(() => ModelTaskType)
  get task(): ModelTaskType {
    return this.record.task as ModelTaskType;
  }

  @Field(() => JSONScalar, { description: 'What one input row holds (see docs/models.md for the format).' })
  get inputSchema(): unknown {
    return this.record.inputSchema;
  }

  @Field(() => JSONScalar, { description: 'How output numbers read: { labels } or { names } (docs/models.md).' })
  get outputSchema(): unknown {
    return this.record.outputSchema;
  }

  @Field(() => Int, { description: 'The newest version number; 0 while the model has none.' })
  get latestVersion(): number {
    return this.record.latestVersion;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }

  @Field(() => DateTimeScalar, { description: 'Last change of the definition or its traffic split.' })
  get updatedAt(): Date {
    return this.record.updatedAt;
  }
}

@ObjectType()
export class ModelConnection extends ConnectionType(Model, 'Model') {}
