import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { ModelTaskType } from './models.type.js';

@InputType({ description: 'A new model definition; training registers its versions.' })
export class CreateModelInput {
  @Field(() => String, { description: '2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ModelTaskType)
  task!: ModelTaskType;

  @Field(() => JSONScalar, {
    description: '{ type: "object", properties: { field: { type, ... } }, required: [...] } (docs/models.md).',
  })
  inputSchema!: unknown;

  @Field(() => JSONScalar, { description: 'classification: { labels }; regression: { names }; embedding: {}.' })
  outputSchema!: unknown;
}

@InputType({ description: 'One route of a traffic split.' })
export class TrafficRouteInput {
  @Field(() => String, { description: 'An existing alias of the model.' })
  alias!: string;

  @Field(() => Float, { description: 'A positive, relative weight (weights need not add up to 100).' })
  weight!: number;
}

@ArgsType()
export class ModelTargetArgs {
  @Field(() => String, { description: 'The model name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The version an alias points at now...' })
  alias?: string | null;

  @Field(() => Int, { nullable: true, description: '...or a version by number.' })
  version?: number | null;
}

@ArgsType()
export class SetModelAliasArgs {
  @Field(() => String, { description: 'The model name.' })
  name!: string;

  @Field(() => String, { description: 'e.g. champion or challenger; created when missing.' })
  alias!: string;

  @Field(() => Int, { nullable: true, description: 'The version number to point at...' })
  version?: number | null;

  @Field(() => ID, { nullable: true, description: '...or its ModelVersion id (it must belong to this model).' })
  versionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the alias history).' })
  reason?: string | null;
}

@ArgsType()
export class DeleteModelAliasArgs {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  alias!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
