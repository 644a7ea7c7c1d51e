import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { PipelineRun } from '../pipeline/index.js';
import type { ImportRuns } from './import-runs.js';
import { ImportFilesInput } from './import.input.js';

@Resolver()
export class ImportResolver {
  constructor(private readonly runs: ImportRuns) {}

  @Mutation(() => PipelineRun, {
    description: 'Re-imports the shipped sample data set as a pipeline run; follow it with `pipelineRunUpdated`.',
  })
  async importSample(@Ctx() { viewer }: GraphQLContext): Promise<PipelineRun> {
    return new PipelineRun(await this.runs.startSample(viewer));
  }

  @Mutation(() => PipelineRun, {
    description:
      'Imports JSON Lines files (gzip or plain) on the server, inside IMPORT_DIR, as an IMPORT pipeline run: what ' +
      '`npm run import -- --server URL` sends. Every path is checked first (BAD_USER_INPUT naming it); follow the run ' +
      'with `pipelineRunUpdated` or `pipelineRun`.',
  })
  async importFiles(
    @Arg('input', () => ImportFilesInput) input: ImportFilesInput,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<PipelineRun> {
    return new PipelineRun(await this.runs.startFiles({ ...input }, viewer));
  }
}
