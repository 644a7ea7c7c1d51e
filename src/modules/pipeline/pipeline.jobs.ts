// Pipelines the API can start. Each one is a PipelineService run whose work lives in its own module; the handler
// registered here is what any process (this one inline, or a worker) runs for an IMPORT of the sample.
import { z } from 'zod';
import type { ImportService } from '../import/index.js';
import type { PipelineRunRecord } from './pipeline-run.record.js';
import type { PipelineService } from './pipeline.service.js';

/** An IMPORT run's params as stored: the sample directory it imports. */
const sampleImportParams = z.object({ sample: z.string().min(1) });

export class PipelineJobs {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly importer: ImportService,
    private readonly sampleDir: string,
  ) {
    pipeline.registerHandler('IMPORT', async (params, run) => {
      const parsed = sampleImportParams.safeParse(params);
      if (!parsed.success) throw new Error(`IMPORT run params are not { sample: DIR }: ${JSON.stringify(params)}`);
      return { ...(await this.importer.importSample(parsed.data.sample, run)) };
    });
  }

  /** Re-imports the shipped sample (idempotent: unchanged rows stay unchanged). Returns the queued run. */
  startSampleImport(): Promise<PipelineRunRecord> {
    return this.pipeline.submit('IMPORT', { sample: this.sampleDir });
  }
}
