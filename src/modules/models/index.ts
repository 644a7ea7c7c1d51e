// The models module: registry (definitions, versions, aliases, traffic splits), serving and the prediction log.
// `createModelsModule` builds its services; training (src/modules/training) calls `versions.register`.
export {
  createModelsModule,
  modelResolverClasses,
  type ModelsModule,
  type ModelsModuleOptions,
} from './models.module.js';
export { createModelLoaders, type ModelLoaders, type ModelLoaderServices } from './models.loader.js';
export { ModelService, type CreateModelInput, type ModelRecord } from './models.service.js';
export { ModelVersionService, type ModelVersionRecord, type RegisterVersionInput } from './model-versions.service.js';
export {
  ModelAliasService,
  type AliasRecord,
  type ChangeAuthor,
  type MoveAlias,
  type SetAliasInput,
} from './model-aliases.service.js';
export { REGISTRY_EVENT_KINDS, RegistryEvents, type RegistryEvent, type RegistryEventKind } from './registry-events.js';
export { ServingService, MAX_PREDICT_ROWS, type PredictOutcome, type PredictRequest } from './serving.service.js';
export { PredictionService } from './predictions.service.js';
export { ServingStats, type VersionServingStats } from './serving-stats.js';
export {
  compileFeatures,
  featureSize,
  parseFeatures,
  tokenize,
  type FeatureEncoder,
  type FeatureSpec,
} from './features.js';
export { parseInputSchema, validateRows, type InputRow, type InputSchema } from './input-schema.js';
export { lockModel, moveAlias, type AliasMove } from './alias-moves.js';
export { MODEL_TASKS, DEFAULT_ALIAS, type ModelTask } from './model-names.js';
