import { Mutation, Resolver } from 'type-graphql';
import { PipelineRun } from '../pipeline/index.js';
import type { SampleImport } from './sample-import.js';

@Resolver()
export class ImportResolver {
  constructor(private readonly sample: SampleImport) {}

  @Mutation(() => PipelineRun, {
    description: 'Re-imports the shipped sample data set as a pipeline run; follow it with `pipelineRunUpdated`.',
  })
  async importSample(): Promise<PipelineRun> {
    return new PipelineRun(await this.sample.start());
  }
}
