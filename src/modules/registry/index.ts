// The registry module: model definitions, versions (with their artifacts and preprocessing), aliases with their
// audit history, traffic splits, and the registry events every process follows. Training registers versions
// here; serving routes predict calls by what is recorded here.
import { defineModule } from '../module.js';
import { ModelAliasRelationsResolver } from './model-alias.relations.js';
import { ModelAliasService } from './model-aliases.service.js';
import { ModelEventsResolver } from './model-events.resolver.js';
import { ModelVersionRelationsResolver } from './model-version.relations.js';
import { ModelVersionService } from './model-versions.service.js';
import { ModelRegistryRelationsResolver } from './model.relations.js';
import { createModelLoaders } from './models.loader.js';
import { ModelResolver } from './models.resolver.js';
import { ModelService } from './models.service.js';
import { RegistryEvents, type RegistryEvent } from './registry-events.js';

export { Model, ModelTaskType } from './models.type.js';
export { ModelVersion } from './model-version.type.js';
export { ModelTargetArgs } from './models.input.js';
export { loadModelVersion } from './model-version.load.js';
export { ModelService, type CreateModelInput, type ModelRecord } from './models.service.js';
export { ModelVersionService, type ModelVersionRecord, type RegisterVersionInput } from './model-versions.service.js';
export {
  ModelAliasService,
  type AliasEventRecord,
  type AliasRecord,
  type ChangeAuthor,
  type MoveAlias,
  type SetAliasInput,
} from './model-aliases.service.js';
export {
  REGISTRY_EVENT_KINDS,
  RegistryEvents,
  type RegistryEvent,
  type RegistryEventKind,
  type RegistryFollower,
} from './registry-events.js';
export { createModelLoaders, type ModelLoaders, type ModelLoaderServices } from './models.loader.js';
export {
  compileFeatures,
  featureSize,
  parseFeatures,
  tokenize,
  type FeatureEncoder,
  type FeatureSpec,
} from './features.js';
export { parseInputSchema, validateRows, type InputRow, type InputSchema } from './input-schema.js';
export { decodeOutputs, type OutputRow, type OutputSchema } from './output-schema.js';
export { buildVersion, type BuiltVersion } from './version-artifact.js';
export { routeRequest, storedTrafficSplit } from './traffic-split.js';
export { lockModel, moveAlias, type AliasMove } from './alias-moves.js';
export {
  MODEL_TASKS,
  DEFAULT_ALIAS,
  assertVersionNumber,
  missingVersionMessage,
  type ModelTask,
} from './model-names.js';

export interface RegistryServices {
  models: ModelService;
  versions: ModelVersionService;
  aliases: ModelAliasService;
  events: RegistryEvents;
  /** Registry events from now on, of one model (NOT_FOUND when there is none by that name) or all. */
  watchEvents(model: string | null): Promise<AsyncIterableIterator<RegistryEvent>>;
}

declare module '../module.js' {
  interface ModuleServices {
    registry: RegistryServices;
  }
}

declare module '../../graphql/context.js' {
  interface Streams {
    /** Model registry events, of one model or all (null); rejects when the named model does not exist. */
    modelEvents(model: string | null): Promise<AsyncIterable<unknown>>;
  }
}

export const registryModule = defineModule({
  name: 'registry',
  resolvers: [
    ModelResolver,
    ModelRegistryRelationsResolver,
    ModelVersionRelationsResolver,
    ModelAliasRelationsResolver,
    ModelEventsResolver,
  ],
  create: ({ db, ml, pubsub, logger }): RegistryServices => {
    const events = new RegistryEvents(pubsub, logger.child({ module: 'registry' }));
    const models = new ModelService(db.prisma);
    const versions = new ModelVersionService(db.prisma, models, ml, events);
    const aliases = new ModelAliasService(db.prisma, events);
    return {
      models,
      versions,
      aliases,
      events,
      async watchEvents(model) {
        return events.stream(model === null ? null : (await models.getByName(model, 'model')).name);
      },
    };
  },
  resolverInstances: ({ models, versions, aliases }) => [new ModelResolver(models, versions, aliases)],
  loaders: (services) => createModelLoaders(services),
  streams: (services) => ({ modelEvents: (model) => services.watchEvents(model) }),
});
