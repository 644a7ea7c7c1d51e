import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { PipelineRun } from '../pipeline/index.js';
import { IngestFromGithubInput } from './ingest.input.js';
import type { IngestService } from './ingest.service.js';

@Resolver()
export class IngestResolver {
  constructor(private readonly ingest: IngestService) {}

  @Mutation(() => PipelineRun, {
    description:
      'Ingests repositories (with topics, languages, top contributors) and user profiles from GitHub as a ' +
      'GITHUB_INGEST pipeline run; follow it with `pipelineRunUpdated`. Fails at once with UNAUTHENTICATED when ' +
      'GitHub refuses GITHUB_TOKEN, or RATE_LIMITED when the quota is used up for too long.',
  })
  async ingestFromGithub(
    @Arg('input', () => IngestFromGithubInput) input: IngestFromGithubInput,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<PipelineRun> {
    return new PipelineRun(await this.ingest.start({ ...input }, viewer));
  }
}
