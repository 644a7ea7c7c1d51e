// Arguments of Model.predictions: the prediction log, filtered by version and time.
import { ArgsType, Field, Int } from 'type-graphql';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ArgsType()
export class PredictionsArgs extends PaginationArgs {
  @Field(() => Int, { nullable: true, description: 'Only predictions served by this version.' })
  version?: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'From this instant (inclusive).' })
  since?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before this instant (exclusive).' })
  until?: Date | null;
}
