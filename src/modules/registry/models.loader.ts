// Per-request DataLoaders of the registry: each relation below costs one batched statement per request, however
// many models, versions or aliases the response lists. List relations (versions, alias history) share one loader
// per distinct page request (ListQuery.key), so models asking the same page share one statement.
import type DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../lib/keyset/index.js';
import type { FeatureSpec } from './features.js';
import type { AliasEventRecord, AliasRecord, ModelAliasService } from './model-aliases.service.js';
import { versionKey, type ModelVersionRecord, type ModelVersionService } from './model-versions.service.js';
import type { ModelRecord, ModelService } from './models.service.js';

declare module '../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends ModelLoaders {}
}

export interface ModelLoaders {
  modelById: DataLoader<number, ModelRecord | null>;
  modelVersionById: DataLoader<number, ModelVersionRecord | null>;
  /** A version by its model and number (`Model.predictions(version:)`). */
  modelVersionByNumber: DataLoader<{ modelId: number; version: number }, ModelVersionRecord | null, string>;
  aliasesByModelId: DataLoader<number, AliasRecord[]>;
  versionCountByModelId: DataLoader<number, number>;
  versionArtifactById: DataLoader<number, { bytes: number; features: FeatureSpec[] | null } | null>;
  /** Pages of models' versions (newest first). */
  versionsOf: (query: ListQuery) => DataLoader<number, Page<ModelVersionRecord>>;
  /** Pages of models' alias moves (newest first), and their counts. */
  aliasHistoryOf: (query: ListQuery) => DataLoader<number, Page<AliasEventRecord>>;
  aliasHistoryCountByModelId: DataLoader<number, number>;
}

export interface ModelLoaderServices {
  models: ModelService;
  versions: ModelVersionService;
  aliases: ModelAliasService;
}

export function createModelLoaders({ models, versions, aliases }: ModelLoaderServices): ModelLoaders {
  return {
    modelById: mapLoader((ids) => models.findByIds(ids), null),
    modelVersionById: mapLoader((ids) => versions.findByIds(ids), null),
    modelVersionByNumber: mapLoader(async (keys) => versions.findByNumbers(keys), null, versionKey),
    aliasesByModelId: mapLoader((ids) => aliases.byModelIds(ids), []),
    versionCountByModelId: mapLoader((ids) => versions.counts(ids), 0),
    versionArtifactById: mapLoader((ids) => versions.artifactInfo(ids), null),
    versionsOf: loaderFamily(
      (query) => query.key,
      (query) => mapLoader((ids: readonly number[]) => versions.pagesOf(ids, query), emptyPage()),
    ),
    aliasHistoryOf: loaderFamily(
      (query) => query.key,
      (query) => mapLoader((ids: readonly number[]) => aliases.historyOf(ids, query), emptyPage()),
    ),
    aliasHistoryCountByModelId: mapLoader((ids) => aliases.historyCounts(ids), 0),
  };
}
