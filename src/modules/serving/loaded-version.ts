import type { CacheEntry } from './model-cache.js';
import type { ModelTask, OutputSchema, BuiltVersion } from '../registry/index.js';

/** A version ready to serve: its network and encoder, with what the cache and the stats report about it. */
export interface LoadedVersion extends CacheEntry, BuiltVersion {
  modelId: number;
  modelName: string;
  version: number;
  task: ModelTask;
  outputSchema: OutputSchema;
  loadMs: number;
}
