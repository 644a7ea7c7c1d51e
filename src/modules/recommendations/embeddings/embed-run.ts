// The EMBED pipeline run: repositories' vectors with the encoder in use, only where content or encoder changed.
import type { RunHandle } from '../../pipeline/index.js';
import { embedRepositories, type EmbedOptions, type EmbedSummary } from './repository-embeddings.js';

export const EMBED_STAGES = ['repositories'] as const;

export async function runEmbed(options: EmbedOptions, run: RunHandle): Promise<EmbedSummary> {
  await run.plan?.(EMBED_STAGES);
  await run.stage('repositories', null);
  const summary = await embedRepositories(options, run);
  run.log.info({ ...summary }, 'repositories embedded');
  return summary;
}
