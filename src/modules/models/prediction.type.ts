import { Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { ModelVersion } from './model-version.type.js';
import type { PredictionRecord } from './predictions.service.js';

@ObjectType({ description: 'One logged prediction: an input row, its output, and the version that served it.' })
export class Prediction {
  constructor(readonly record: PredictionRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('Prediction', String(this.record.id));
  }

  @Field(() => JSONScalar)
  get input(): unknown {
    return this.record.input;
  }

  @Field(() => JSONScalar)
  get output(): unknown {
    return this.record.output;
  }

  @Field(() => Float, { description: 'Milliseconds in the model for the whole call this row was part of.' })
  get latencyMs(): number {
    return this.record.latencyMs;
  }

  @Field(() => String, { nullable: true })
  get routingKey(): string | null {
    return this.record.routingKey;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }
}

@ObjectType()
export class PredictionConnection extends ConnectionType(Prediction, 'Prediction') {}

/** Relation fields of Prediction, through the request's DataLoaders. */
@Resolver(() => Prediction)
export class PredictionRelationsResolver {
  @FieldResolver(() => ModelVersion)
  async modelVersion(@Root() prediction: Prediction, @Ctx() { loaders }: GraphQLContext): Promise<ModelVersion> {
    return loadVersion(loaders, prediction.record.modelVersionId);
  }

  @FieldResolver(() => Int, { description: 'The version that served it.' })
  async version(@Root() prediction: Prediction, @Ctx() { loaders }: GraphQLContext): Promise<number> {
    return (await loadVersion(loaders, prediction.record.modelVersionId)).version;
  }
}

export async function loadVersion(loaders: GraphQLContext['loaders'], id: number): Promise<ModelVersion> {
  const version = await loaders.modelVersionById.load(id);
  if (!version) throw new Error(`model version ${id} does not exist`);
  return new ModelVersion(version);
}
