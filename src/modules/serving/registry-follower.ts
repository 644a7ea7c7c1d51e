// What a process does when another process publishes a registry event, so loadModel / unloadModel apply to the
// whole cluster. The process that answered the mutation already acted, and RegistryEvents.follow skips its own
// events. Versions, aliases and traffic splits change where requests go: the model's cached routes are dropped,
// so the next predict reads them again (the process that made the change dropped its own before publishing).
import type { Logger } from '../../logger.js';
import type { RegistryEvent } from '../registry/index.js';
import type { ServingService } from './serving.service.js';

export function applyRegistryEvent(
  serving: Pick<ServingService, 'loadHere' | 'unloadHere' | 'forgetRoutes'>,
  logger: Logger,
): (event: RegistryEvent) => Promise<void> {
  return async (event) => {
    switch (event.kind) {
      case 'UNLOAD_REQUESTED': {
        const unloaded = serving.unloadHere(event.model, event.versionId);
        if (unloaded > 0) logger.info({ model: event.model, version: event.version, unloaded }, 'unloaded on request');
        return;
      }
      case 'LOAD_REQUESTED':
        // A warm-up: a process that cannot load (memory, a damaged artifact) still serves, and says why.
        await serving.loadHere({ model: event.model, version: event.version }).catch((error: unknown) => {
          logger.warn({ err: error, model: event.model, version: event.version }, 'could not load on request');
        });
        return;
      case 'VERSION_REGISTERED':
      case 'ALIAS_SET':
      case 'ALIAS_DELETED':
      case 'TRAFFIC_SPLIT_SET':
        serving.forgetRoutes(event.model);
        return;
    }
  };
}
