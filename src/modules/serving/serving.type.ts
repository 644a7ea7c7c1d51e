import { Field, Float, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { Model } from '../registry/index.js';
import type { PredictOutcome } from './serving.service.js';

@ObjectType({ description: 'The outputs of one predict call, with the version that served them.' })
export class PredictionResult {
  constructor(readonly outcome: PredictOutcome) {}

  @Field(() => Model)
  get model(): Model {
    return new Model(this.outcome.model);
  }

  @Field(() => Int, { description: 'The version that served every row of this call.' })
  get version(): number {
    return this.outcome.version;
  }

  @Field(() => String, {
    nullable: true,
    description: 'The alias that routed the call; null when a version was named.',
  })
  get alias(): string | null {
    return this.outcome.alias;
  }

  @Field(() => [JSONScalar], { description: 'One output per input row, in order (see the model outputSchema).' })
  get outputs(): unknown[] {
    return this.outcome.outputs;
  }

  @Field(() => Float, { description: 'Milliseconds in the model (encoding, the batched call, decoding).' })
  get latencyMs(): number {
    return this.outcome.latencyMs;
  }

  @Field(() => Boolean, { description: 'Whether this call was sampled into the prediction log.' })
  get logged(): boolean {
    return this.outcome.logged;
  }
}
