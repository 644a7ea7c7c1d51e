import { ArgsType, Field } from 'type-graphql';
import { ForwardPaginationArgs } from '../../graphql/pagination.args.js';
import { PipelineKind } from './pipeline.type.js';

@ArgsType()
export class PipelineRunsArgs extends ForwardPaginationArgs {
  @Field(() => PipelineKind, { nullable: true, description: 'Only runs of this kind.' })
  kind?: PipelineKind | null;
}
