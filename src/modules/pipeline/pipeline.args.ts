import { ArgsType, Field } from 'type-graphql';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { PipelineKind, PipelineStatus } from './pipeline.type.js';

/** Filters sit beside the page arguments, as `kind` always did (checked in pipeline-runs.query.ts). */
@ArgsType()
export class PipelineRunsArgs extends PaginationArgs {
  @Field(() => PipelineKind, { nullable: true, description: 'Only runs of this kind.' })
  kind?: PipelineKind | null;

  @Field(() => [PipelineStatus], {
    nullable: true,
    description: 'Only runs in one of these statuses, e.g. `[RUNNING, QUEUED]` for the live ones.',
  })
  status?: PipelineStatus[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only runs created after this instant.' })
  createdAfter?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only runs created before this instant.' })
  createdBefore?: Date | null;
}
