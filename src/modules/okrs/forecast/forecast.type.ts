// KeyResult.forecast as GraphQL serves it: kr-forecast's answer in the key result's own units, with the model
// version that gave it and the reasons in words.
import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import type { KeyResultForecast as ForecastRecord } from './key-result-forecasts.js';

@ObjectType({
  description:
    'What kr-forecast expects of a key result by its due date, from its check-ins and metadata. The model is ' +
    'trained on SYNTHETIC histories (docs/models.md); recomputed when a check-in arrives, at most daily otherwise.',
})
export class KeyResultForecast {
  constructor(readonly record: ForecastRecord) {}

  @Field(() => Float, { description: 'Probability (0..1) of reaching the target by the due date.' })
  get probability(): number {
    return this.record.probability;
  }

  @Field(() => Float, { description: 'The value expected at the due date, in the key result’s unit.' })
  get expectedValue(): number {
    return this.record.expectedValue;
  }

  @Field(() => Float, { description: 'Low end of the 80% interval of the value at the due date (10th percentile).' })
  get low(): number {
    return this.record.low;
  }

  @Field(() => Float, { description: 'High end of the 80% interval (90th percentile).' })
  get high(): number {
    return this.record.high;
  }

  @Field(() => String, { description: 'The registry version that computed it, e.g. "kr-forecast@2".' })
  get modelVersion(): string {
    return this.record.modelVersion;
  }

  @Field(() => String, { description: 'Why, in words: progress, time gone, pace, the owner’s confidence.' })
  get explanation(): string {
    return this.record.explanation;
  }

  @Field(() => DateTimeScalar)
  get computedAt(): Date {
    return new Date(this.record.computedAt);
  }
}
