// Loading one version for serving: read its artifact, build the network and its feature encoder, check they fit
// the model. A damaged artifact becomes an error that names the version and what is wrong, so an operator knows
// to register a fixed version rather than look for a bug.
import { ArtifactError } from '../../infra/ml/index.js';
import { AppError, ErrorCode } from '../../errors.js';
import type { LoadedVersion } from './loaded-version.js';
import { type ModelRecord, buildVersion } from '../registry/index.js';
import type { Route, ServingDeps } from './serving.service.js';

export async function loadVersion(
  deps: Pick<ServingDeps, 'runtime' | 'versions' | 'logger'>,
  model: ModelRecord,
  route: Route,
): Promise<LoadedVersion> {
  const started = performance.now();
  const stored = await deps.versions.artifact(route.id);
  try {
    const built = await buildVersion(deps.runtime.tf, stored, model);
    const now = new Date();
    const loadMs = performance.now() - started;
    deps.logger.info({ model: model.name, version: route.version, bytes: built.bytes, loadMs }, 'model loaded');
    return {
      ...built,
      key: route.id,
      modelId: model.id,
      modelName: model.name,
      version: route.version,
      task: model.task as LoadedVersion['task'],
      outputSchema: model.outputSchema as LoadedVersion['outputSchema'],
      disposed: false,
      loadedAt: now,
      lastUsedAt: now,
      hits: 0,
      loadMs,
    };
  } catch (error) {
    if (!(error instanceof ArtifactError)) throw error;
    throw new AppError(
      ErrorCode.INTERNAL,
      `version ${route.version} of model "${model.name}" cannot be loaded: ${error.message}. Register a new version and move the alias to it`,
      { model: model.name, version: route.version },
      { cause: error },
    );
  }
}
