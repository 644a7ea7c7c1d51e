// Starting RECOMMEND runs, the published run in serverInfo, and the per-user update stream.
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { PipelineRun } from '../../pipeline/index.js';
import { ServerInfo } from '../../system/index.js';
import type { RecommendRuns } from '../lists/recommend-runs.js';
import { RecommendationPublication, RecommendationsUpdate } from '../lists/recommendation.type.js';
import type { RecommendationReader } from './recommendation-reader.js';
import type { RecommendationsUpdate as Update } from './recommendation-updates.js';

@Resolver(() => ServerInfo)
export class RecommendationPublicationResolver {
  constructor(
    private readonly runs: RecommendRuns,
    private readonly reader: RecommendationReader,
  ) {}

  @FieldResolver(() => RecommendationPublication, {
    nullable: true,
    description: 'The published recommendations (the last RECOMMEND run that completed); null before the first.',
  })
  async recommendations(): Promise<RecommendationPublication | null> {
    const publication = await this.reader.publication();
    return publication ? Object.assign(new RecommendationPublication(), publication) : null;
  }

  @Mutation(() => PipelineRun, {
    description:
      'Starts a RECOMMEND run: embeds what changed, scores every user with a contribution (only those whose inputs ' +
      'changed, unless `full`) and publishes the new lists at once when all are done. Follow it with ' +
      '`pipelineRunUpdated`; readers see the previous lists until then.',
  })
  async runRecommendations(
    @Arg('full', () => Boolean, { defaultValue: false, description: 'Score every user again.' }) full: boolean,
    @Arg('trainEncoder', () => Boolean, {
      defaultValue: false,
      description:
        'First train a text encoder on the catalog (model "text-encoder"), make it the champion and learn the ' +
        'ranker again with it; every repository and user is then embedded anew.',
    })
    trainEncoder: boolean,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<PipelineRun> {
    return new PipelineRun(await this.runs.start({ full, trainEncoder }, viewer));
  }
}

@Resolver(() => RecommendationsUpdate)
export class RecommendationUpdatesResolver {
  @Subscription(() => RecommendationsUpdate, {
    description:
      "When a published RECOMMEND run scored this user's list again (unchanged lists are copied and send nothing). " +
      'Query `user(login) { recommendations }` for the new list.',
    subscribe: ({ args, context }) =>
      (context as GraphQLContext).streams.recommendationsUpdated((args as { login: string }).login),
  })
  recommendationsUpdated(
    @Root() update: Update,
    @Arg('login', () => String, { description: 'A user of the catalog.' }) _login: string,
  ): RecommendationsUpdate {
    return Object.assign(new RecommendationsUpdate(), {
      login: update.login,
      runId: update.runId,
      publishedAt: update.publishedAt,
    });
  }
}
