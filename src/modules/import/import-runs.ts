// Imports as pipeline runs started through the API: the shipped sample (`importSample`, and the first start of an
// empty database) and files on the server's disk (`importFiles`, which `npm run import -- --server` sends). The
// IMPORT handler is what any process (this one inline, or a worker) runs for such a run.
import { authorize, type Actor } from '../../access/index.js';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { badInput } from '../../errors.js';
import type { PipelineRunRecord, PipelineService, RunHandle } from '../pipeline/index.js';
import type { ImportFiles, ImportService } from './import.service.js';
import type { ImportSummary } from './import-summary.js';

const FILE_KINDS = ['topics', 'users', 'repos', 'provenance', 'contributions'] as const;

/** An IMPORT run's params as stored: the sample directory, or the files (absolute paths) it imports. */
const importParams = z.union([
  z.object({ sample: z.string().min(1) }),
  z.object({ files: z.object(Object.fromEntries(FILE_KINDS.map((kind) => [kind, z.string().min(1).optional()]))) }),
]);

export interface ImportRunsOptions {
  pipeline: PipelineService;
  importer: ImportService;
  sampleDir: string;
  /** `importFiles` reads only files inside this directory (IMPORT_DIR). */
  importDir: string;
  /** Never read through `importFiles`, even inside importDir (the embedded database, its secrets). */
  dataDir: string | null;
}

export class ImportRuns {
  constructor(private readonly options: ImportRunsOptions) {}

  /** Re-imports the shipped sample (idempotent: unchanged rows stay unchanged). Returns the queued run. */
  startSample(actor: Actor): Promise<PipelineRunRecord> {
    authorize(actor, 'import.start');
    return this.options.pipeline.submit('IMPORT', { sample: this.options.sampleDir }, actor);
  }

  /**
   * Imports files on the server's disk, inside IMPORT_DIR (relative paths are taken from there). Every path is
   * checked before the run is recorded: a wrong one is a BAD_USER_INPUT naming it, and nothing is queued.
   */
  async startFiles(files: ImportFiles, actor: Actor): Promise<PipelineRunRecord> {
    authorize(actor, 'import.start');
    const given = FILE_KINDS.filter((kind) => files[kind] != null);
    if (given.length === 0)
      throw badInput(`nothing to import: give at least one of ${FILE_KINDS.join(', ')}`, { argument: 'input' });
    const checked: Record<string, string> = {};
    for (const kind of given) checked[kind] = await this.allowedFile(kind, files[kind]!);
    return this.options.pipeline.submit('IMPORT', { files: checked }, actor);
  }

  /** The IMPORT handler: a run's stored params, validated again here (another process may have written them). */
  async run(params: unknown, run: RunHandle): Promise<ImportSummary> {
    const parsed = importParams.safeParse(params);
    if (!parsed.success)
      throw new Error(`IMPORT run params are not { sample: DIR } or { files }: ${JSON.stringify(params)}`);
    const { data } = parsed;
    return 'sample' in data
      ? this.options.importer.importSample(data.sample, run)
      : this.options.importer.importFiles(data.files, run);
  }

  private async allowedFile(kind: string, path: string): Promise<string> {
    const argument = `input.${kind}`;
    const root = await realpath(this.options.importDir).catch(() => null);
    if (!root)
      throw badInput(`IMPORT_DIR (${this.options.importDir}) does not exist on the server: nothing can be imported`, {
        argument,
      });
    const real = await realpath(resolve(root, path)).catch(() => null);
    const info = real ? await stat(real).catch(() => null) : null;
    if (!real || !info?.isFile())
      throw badInput(`${kind}: no such file on the server: "${path}" (relative paths start in IMPORT_DIR)`, {
        argument,
      });
    const dataDir = this.options.dataDir ? await realpath(this.options.dataDir).catch(() => null) : null;
    if (!inside(root, real) || (dataDir !== null && inside(dataDir, real)))
      throw badInput(
        `${kind}: "${path}" is outside IMPORT_DIR (${root}): the server imports only files there; move the file ` +
          'or set IMPORT_DIR',
        { argument },
      );
    return real;
  }
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
