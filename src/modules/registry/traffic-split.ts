// A traffic split: how `predict` shares requests among aliases when the caller names neither an alias nor a
// version (e.g. 90 % champion, 10 % challenger). Weights are relative (they need not add up to 100). With a
// routing key the choice is sticky: the same key always takes the same route for a given split.
import { badInput } from '../../errors.js';
import { stableUnitInterval } from '../../lib/stable-hash.js';
import { assertAlias } from './model-names.js';

export interface TrafficRoute {
  alias: string;
  weight: number;
}

export const MAX_ROUTES = 10;

/** Checks a split a client sends; `aliases` are the model's existing aliases. An empty split removes it. */
export function validateTrafficSplit(
  routes: readonly TrafficRoute[],
  aliases: ReadonlySet<string>,
  argument = 'routes',
): TrafficRoute[] {
  if (routes.length > MAX_ROUTES) throw badInput(`${argument}: at most ${MAX_ROUTES} routes`, { argument });
  const seen = new Set<string>();
  return routes.map(({ alias, weight }, index) => {
    const where = `${argument}[${index}]`;
    assertAlias(alias, `${where}.alias`);
    if (seen.has(alias)) throw badInput(`${where}.alias: "${alias}" appears twice`, { argument, index });
    seen.add(alias);
    if (!aliases.has(alias))
      throw badInput(`${where}.alias: the model has no alias "${alias}"; set it with setModelAlias first`, {
        argument,
        index,
      });
    if (!Number.isFinite(weight) || weight <= 0)
      throw badInput(`${where}.weight: must be a positive number, got ${weight}`, { argument, index });
    return { alias, weight };
  });
}

/** Reads a split as stored (written by validateTrafficSplit); anything else is ignored rather than served. */
export function storedTrafficSplit(value: unknown): TrafficRoute[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (route): route is TrafficRoute =>
      typeof route === 'object' &&
      route !== null &&
      typeof (route as TrafficRoute).alias === 'string' &&
      Number.isFinite((route as TrafficRoute).weight) &&
      (route as TrafficRoute).weight > 0,
  );
}

/**
 * The alias that serves one request. `salt` (the model's name) keeps one model's experiment independent of
 * another's for the same key; without a key, a fresh random draw.
 */
export function routeRequest(
  routes: readonly TrafficRoute[],
  routingKey: string | null | undefined,
  salt: string,
  random: () => number = Math.random,
): string {
  if (routes.length === 0) throw new Error('routeRequest needs at least one route');
  const total = routes.reduce((sum, route) => sum + route.weight, 0);
  const point = (routingKey ? stableUnitInterval(`${salt}\u0000${routingKey}`) : random()) * total;
  let reached = 0;
  for (const route of routes) {
    reached += route.weight;
    if (point < reached) return route.alias;
  }
  return routes.at(-1)!.alias; // rounding at the very top of the range
}
