import { Field, Float, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
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
