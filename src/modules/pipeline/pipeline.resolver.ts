import { actorName } from '../../access/index.js';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { toConnection } from '../../graphql/connection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { PipelineRunRecord } from './pipeline-run.record.js';
import { PipelineRunsArgs } from './pipeline.args.js';
import type { PipelineService } from './pipeline.service.js';
import { PipelineRun, PipelineRunConnection } from './pipeline.type.js';

@Resolver(() => PipelineRun)
export class PipelineResolver {
  constructor(private readonly pipeline: PipelineService) {}

  @Query(() => PipelineRun, { nullable: true, description: 'A pipeline run by id.' })
  async pipelineRun(@Arg('id', () => ID) id: string): Promise<PipelineRun> {
    return new PipelineRun(await this.pipeline.get(id));
  }

  @Query(() => PipelineRunConnection, { description: 'Pipeline runs, newest first.' })
  async pipelineRuns(@Args(() => PipelineRunsArgs) args: PipelineRunsArgs): Promise<PipelineRunConnection> {
    const page = await this.pipeline.list(args);
    return toConnection(PipelineRunConnection, page, {
      node: (row) => new PipelineRun(row),
      totalCount: page.count,
    });
  }

  @Mutation(() => PipelineRun, {
    description:
      'Cancels a run. A QUEUED run is CANCELLED at once; a RUNNING one is asked to stop (returned RUNNING with ' +
      '`cancelRequestedAt`) and ends CANCELLED when its work stops, whichever process executes it: follow it with ' +
      '`pipelineRunUpdated`. What it wrote before stopping stays. CONFLICT for a run that already ended. Members ' +
      'cancel runs they started; admins any run.',
  })
  async cancelPipelineRun(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in a few words (kept with the run).' })
    reason: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<PipelineRun> {
    const who = actorName(context.viewer) ?? 'anonymous';
    return new PipelineRun(
      await this.pipeline.cancel(id, {
        by: `${who} (API request ${context.requestId})`,
        reason,
        actor: context.viewer,
      }),
    );
  }

  @Subscription(() => PipelineRun, {
    description: 'The run as it is now, then each recorded change (stage, progress, status) until it ends.',
    // type-graphql calls `subscribe` outside the resolver instance, so the stream comes from the context.
    subscribe: ({ args, context }) =>
      (context as GraphQLContext).streams.pipelineRun(String((args as { id: string }).id)),
  })
  pipelineRunUpdated(@Root() run: PipelineRunRecord, @Arg('id', () => ID) _id: string): PipelineRun {
    return new PipelineRun(run);
  }
}
