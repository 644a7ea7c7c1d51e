// The shipped sample as a pipeline run: `importSample`, the first start of an empty database, and the IMPORT
// handler any process (this one inline, or a worker) runs for such a run.
import { z } from 'zod';
import type { PipelineRunRecord, PipelineService, RunHandle } from '../pipeline/index.js';
import type { ImportService } from './import.service.js';
import type { ImportSummary } from './import-summary.js';

/** An IMPORT run's params as stored: the sample directory it imports. */
const sampleImportParams = z.object({ sample: z.string().min(1) });

export class SampleImport {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly importer: ImportService,
    private readonly sampleDir: string,
  ) {}

  /** Re-imports the shipped sample (idempotent: unchanged rows stay unchanged). Returns the queued run. */
  start(): Promise<PipelineRunRecord> {
    return this.pipeline.submit('IMPORT', { sample: this.sampleDir });
  }

  /** The IMPORT handler: a run's stored params, validated again here (another process may have written them). */
  async run(params: unknown, run: RunHandle): Promise<ImportSummary> {
    const parsed = sampleImportParams.safeParse(params);
    if (!parsed.success) throw new Error(`IMPORT run params are not { sample: DIR }: ${JSON.stringify(params)}`);
    return this.importer.importSample(parsed.data.sample, run);
  }
}
