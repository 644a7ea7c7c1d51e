// Arguments of the serving operations: predict, and loading or unloading a version in every process.
import { ArgsType, Field, Int } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { ModelTargetArgs } from '../registry/index.js';

@ArgsType()
export class PredictArgs {
  @Field(() => String, { description: 'The model name.' })
  model!: string;

  @Field(() => String, { nullable: true, description: 'Serve with the version this alias points at...' })
  alias?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '...or this version. With neither: the traffic split, else the "champion" alias.',
  })
  version?: number | null;

  @Field(() => [JSONScalar], { description: 'Rows matching the model inputSchema (1 to 1000), run as one batch.' })
  inputs!: unknown[];

  @Field(() => String, {
    nullable: true,
    description: 'Makes traffic-split routing sticky: the same key always takes the same route.',
  })
  routingKey?: string | null;
}

@ArgsType()
export class ServingChangeArgs extends ModelTargetArgs {
  @Field(() => String, { nullable: true, description: 'Why (carried by the modelEvents event).' })
  reason?: string | null;
}
