import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { PipelineRun } from '../pipeline/index.js';
import { TrainModelArgs } from './training.input.js';
import type { TrainingService } from './training.service.js';

/** Training: TRAIN pipeline runs that register model versions. */
@Resolver()
export class TrainingResolver {
  constructor(private readonly training: TrainingService) {}

  @Query(() => [String], { description: 'Models this deployment can train (`trainModel`).' })
  trainableModels(): string[] {
    return this.training.trainable;
  }

  @Mutation(() => PipelineRun, {
    description:
      'Trains, evaluates and registers a new version as a TRAIN pipeline run; follow it with `pipelineRunUpdated` ' +
      '(the "train" stage reports each epoch: processed = epochs done, metrics = its loss and accuracy). The ' +
      "run's result holds the held-out metrics, the majority baseline's and the promotion decision. NOT_FOUND " +
      'for an unknown model, BAD_USER_INPUT for a param out of range.',
  })
  async trainModel(
    @Args(() => TrainModelArgs) args: TrainModelArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<PipelineRun> {
    const run = await this.training.start(
      { model: args.name, params: args.params ? { ...args.params } : {}, promote: args.promote },
      viewer,
    );
    return new PipelineRun(run);
  }
}
