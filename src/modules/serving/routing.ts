// Which version serves a request: the named version or alias, else the traffic split (sticky per routing key),
// else the champion. The lookups are either the registry itself (loadModel / unloadModel) or the registry through
// the route cache (predict), so both paths route by exactly the same rules.
import { ErrorCode, badInput, isAppError } from '../../errors.js';
import {
  type ModelAliasService,
  DEFAULT_ALIAS,
  assertVersionNumber,
  type ModelVersionService,
  type ModelRecord,
  routeRequest,
  storedTrafficSplit,
} from '../registry/index.js';
import type { RouteCache, VersionRef } from './route-cache.js';

export interface ServingTarget {
  model: string;
  alias?: string | null;
  version?: number | null;
}

export interface Route extends VersionRef {
  /** The alias that routed the request; null when the caller named the version. */
  alias: string | null;
}

/** Where routing reads a version. */
export interface RouteLookup {
  alias(model: ModelRecord, alias: string): Promise<VersionRef>;
  version(model: ModelRecord, version: number): Promise<VersionRef>;
}

export const registryLookup = (aliases: ModelAliasService, versions: ModelVersionService): RouteLookup => ({
  alias: (model, alias) => aliases.resolve(model, alias),
  version: async (model, version) => {
    const row = await versions.getOf(model, version);
    return { id: row.id, version: row.version };
  },
});

export const cachedLookup = (routes: RouteCache, registry: RouteLookup): RouteLookup => ({
  alias: (model, alias) => routes.alias(model, alias, () => registry.alias(model, alias)),
  version: (model, version) => routes.version(model, version, () => registry.version(model, version)),
});

export async function routeTo(
  model: ModelRecord,
  request: Omit<ServingTarget, 'model'> & { routingKey?: string | null },
  lookup: RouteLookup,
): Promise<Route> {
  if (request.alias != null && request.version != null)
    throw badInput('give "alias" or "version", not both', { argument: 'version' });
  if (request.version != null)
    return { ...(await lookup.version(model, assertVersionNumber(request.version))), alias: null };
  const split = storedTrafficSplit(model.trafficSplit);
  const alias =
    request.alias ?? (split.length > 0 ? routeRequest(split, request.routingKey, model.name) : DEFAULT_ALIAS);
  try {
    return { ...(await lookup.alias(model, alias)), alias };
  } catch (error) {
    if (request.alias == null && split.length === 0 && isAppError(error) && error.code === ErrorCode.NOT_FOUND)
      throw badInput(
        `model "${model.name}" has no traffic split and no "${DEFAULT_ALIAS}" alias: name an alias or a version`,
        { argument: 'alias' },
      );
    throw error;
  }
}
