import type { CacheEntry } from './model-cache.js';
import type { ModelTask } from './model-names.js';
import type { OutputSchema } from './output-schema.js';
import type { BuiltVersion } from './version-artifact.js';

/** A version ready to serve: its network and encoder, with what the cache and the stats report about it. */
export interface LoadedVersion extends CacheEntry, BuiltVersion {
  modelId: number;
  modelName: string;
  version: number;
  task: ModelTask;
  outputSchema: OutputSchema;
  loadMs: number;
}
