// Pipelines the API can start. Each one is a PipelineService run whose work lives in its own module.
import type { ImportService } from '../import/index.js';
import type { PipelineRunRecord } from './pipeline-run.record.js';
import type { PipelineService } from './pipeline.service.js';

export class PipelineJobs {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly importer: ImportService,
    private readonly sampleDir: string,
  ) {}

  /** Re-imports the shipped sample (idempotent: unchanged rows stay unchanged). Returns the queued run. */
  startSampleImport(): Promise<PipelineRunRecord> {
    return this.pipeline.start('IMPORT', { sample: this.sampleDir }, (run) =>
      this.importer.importSample(this.sampleDir, run).then((summary) => ({ ...summary })),
    );
  }
}
