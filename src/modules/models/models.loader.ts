// Per-request DataLoaders of the models module: each relation below costs one batched query per request,
// however many models, versions or predictions the response lists.
import DataLoader from 'dataloader';
import { loaderFamily, mapLoader } from '../../graphql/loader-family.js';
import type { FeatureSpec } from './features.js';
import type { AliasRecord, ModelAliasService } from './model-aliases.service.js';
import type { ModelVersionRecord, ModelVersionService } from './model-versions.service.js';
import type { ModelRecord, ModelService } from './models.service.js';

export interface VersionsPage {
  rows: ModelVersionRecord[];
  cursorOf: (row: ModelVersionRecord) => string;
}

export interface ModelLoaders {
  modelById: DataLoader<number, ModelRecord | null>;
  modelVersionById: DataLoader<number, ModelVersionRecord | null>;
  aliasesByModelId: DataLoader<number, AliasRecord[]>;
  versionCountByModelId: DataLoader<number, number>;
  versionArtifactById: DataLoader<number, { bytes: number; features: FeatureSpec[] | null } | null>;
  /** Pages of models' versions (newest first): models asking for the same page size and cursor share a query. */
  versionsPage: (page: { take: number; after: string | null }) => DataLoader<number, VersionsPage>;
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
    aliasesByModelId: mapLoader((ids) => aliases.byModelIds(ids), []),
    versionCountByModelId: mapLoader((ids) => versions.counts(ids), 0),
    versionArtifactById: mapLoader((ids) => versions.artifactInfo(ids), null),
    versionsPage: loaderFamily(
      (page) => `${page.take}|${page.after ?? ''}`,
      (page) =>
        new DataLoader<number, VersionsPage>(async (modelIds) => {
          const { byModel, cursorOf } = await versions.pages(modelIds, page);
          return modelIds.map((id) => ({ rows: byModel.get(id) ?? [], cursorOf }));
        }),
    ),
  };
}
