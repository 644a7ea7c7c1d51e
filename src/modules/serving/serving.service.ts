// Serving: routes a request to a version (explicit version, alias, traffic split, or the champion), checks the
// rows against the model's input schema, and runs them as one batched tensor call on the loaded version.
// Loading is lazy (the first request loads) or explicit (loadModel warms a version before traffic arrives).
// Explicit loads and unloads apply here at once and are published (LOAD_REQUESTED / UNLOAD_REQUESTED) so every
// other process follows (registry-follower.ts); the `...Here` methods are what a follower applies.
// Routing on the predict path reads through the per-process RouteCache (route-cache.ts), so a predict on a loaded
// version sends no SQL; loadModel / unloadModel read the registry afresh (they are rare, and must not warm or
// evict a version a stale route names).
import { actorName, authorize, type Actor } from '../../access/index.js';
import type { Tensor } from '@tensorflow/tfjs';
import { disposeModel, type MlRuntime } from '../../infra/ml/index.js';
import type { Logger } from '../../logger.js';
import { AppError, ErrorCode, badInput, isAppError } from '../../errors.js';
import {
  parseInputSchema,
  validateRows,
  type InputRow,
  type InputSchema,
  type ChangeAuthor,
  type ModelAliasService,
  type ModelVersionService,
  type ModelRecord,
  type ModelService,
  decodeOutputs,
  type OutputRow,
  type RegistryEvents,
} from '../registry/index.js';
import type { ModelCache } from './model-cache.js';
import type { PredictionService } from '../predictions/index.js';
import type { RouteCache } from './route-cache.js';
import { cachedLookup, registryLookup, routeTo, type Route, type RouteLookup, type ServingTarget } from './routing.js';
import type { PredictionObserver } from './serving-metrics.js';
import type { ServingStats } from './serving-stats.js';
import type { LoadedVersion } from './loaded-version.js';
import { loadVersion } from './load-version.js';

export type { Route, ServingTarget } from './routing.js';

export const MAX_PREDICT_ROWS = 1_000;
const MAX_ROUTING_KEY = 256;

export interface PredictRequest extends ServingTarget {
  inputs: readonly unknown[];
  routingKey?: string | null;
}

export interface PredictOutcome extends Route {
  model: ModelRecord;
  outputs: OutputRow[];
  /** Time in the model: encoding the rows, the batched call and decoding (not loading or lookups). */
  latencyMs: number;
  logged: boolean;
}

export interface ServingDeps {
  runtime: MlRuntime;
  models: ModelService;
  versions: ModelVersionService;
  aliases: ModelAliasService;
  predictions: PredictionService;
  cache: ModelCache<LoadedVersion>;
  stats: ServingStats;
  /** Prometheus counters and latency histogram (compose() supplies them). */
  observer: PredictionObserver;
  routes: RouteCache;
  events: RegistryEvents;
  logger: Logger;
}

export class ServingService {
  private readonly schemas = new Map<number, { updatedAt: number; schema: InputSchema }>();
  private readonly registry: RouteLookup;
  private readonly cached: RouteLookup;

  constructor(private readonly deps: ServingDeps) {
    this.registry = registryLookup(deps.aliases, deps.versions);
    this.cached = cachedLookup(deps.routes, this.registry);
  }

  async predict(request: PredictRequest, actor: Actor): Promise<PredictOutcome> {
    authorize(actor, 'predict');
    const { inputs } = request;
    if (inputs.length === 0 || inputs.length > MAX_PREDICT_ROWS)
      throw badInput(`inputs: give 1 to ${MAX_PREDICT_ROWS} rows; got ${inputs.length}`, { argument: 'inputs' });
    const routingKey = request.routingKey ?? null;
    if (routingKey !== null && (routingKey.length === 0 || routingKey.length > MAX_ROUTING_KEY))
      throw badInput(`routingKey: 1 to ${MAX_ROUTING_KEY} characters`, { argument: 'routingKey' });
    for (let attempt = 1; ; attempt++) {
      const name = request.model.trim();
      const model = await this.deps.routes.model(name, () => this.deps.models.getByName(name, 'model'));
      const rows = validateRows(this.inputSchemaOf(model), inputs);
      const route = await routeTo(model, request, this.cached);
      let outputs: OutputRow[];
      let latencyMs: number;
      try {
        const entry = await this.loaded(model, route);
        const started = performance.now();
        outputs = this.run(entry, rows);
        latencyMs = performance.now() - started;
      } catch (error) {
        // Only a version deleted under a cached route is NOT_FOUND here: route once more from the registry, which
        // answers with the right version or a NOT_FOUND of its own (no such alias or model any more).
        if (attempt === 1 && isAppError(error) && error.code === ErrorCode.NOT_FOUND) {
          this.deps.routes.forget(model.name);
          continue;
        }
        this.deps.stats.error(model.name, route.version);
        this.deps.observer.failed(model.name, route.version);
        throw error;
      }
      this.deps.stats.success(model.name, route.version, rows.length, latencyMs);
      this.deps.observer.predicted(model.name, route.version, rows.length, latencyMs / 1000);
      const logged = this.deps.predictions.record(
        rows.map((input, i) => ({ modelVersionId: route.id, routingKey, input, output: outputs[i], latencyMs })),
        { actor, model: model.name, version: route.version },
      );
      return { ...route, model, outputs, latencyMs, logged };
    }
  }

  /** Forgets this process's cached routes of the model (another process changed its registry entries). */
  forgetRoutes(modelName: string): void {
    this.deps.routes.forget(modelName);
  }

  /** Loads (warms) one version, named by alias or number, here; then asks every other process to load it. */
  async load(target: ServingTarget, author: ChangeAuthor): Promise<LoadedVersion> {
    authorize(author.actor, 'serving.load');
    const entry = await this.loadHere(target);
    // The version, not the alias: every process warms what this one did even if the alias moves meanwhile.
    this.deps.events.publish([
      {
        kind: 'LOAD_REQUESTED',
        model: entry.modelName,
        version: entry.version,
        versionId: entry.key,
        alias: target.alias ?? null,
        actor: actorName(author.actor),
        reason: author.reason,
      },
    ]);
    return entry;
  }

  async loadHere(target: ServingTarget): Promise<LoadedVersion> {
    if (target.alias == null && target.version == null)
      throw badInput('name the version to load: give "alias" or "version"', { argument: 'alias' });
    const model = await this.deps.models.getByName(target.model);
    return this.loaded(model, await routeTo(model, target, this.registry));
  }

  /**
   * Unloads one version (by alias or number), or every loaded version of the model, here; returns how many, and
   * asks every other process to unload it too (published even when this process held none).
   */
  async unload(target: ServingTarget, author: ChangeAuthor): Promise<number> {
    authorize(author.actor, 'serving.load');
    const model = await this.deps.models.getByName(target.model);
    const route = target.alias == null && target.version == null ? null : await routeTo(model, target, this.registry);
    const count = this.unloadHere(model.name, route?.id ?? null);
    this.deps.events.publish([
      {
        kind: 'UNLOAD_REQUESTED',
        model: model.name,
        version: route?.version ?? null,
        versionId: route?.id ?? null,
        alias: target.alias ?? null,
        actor: actorName(author.actor),
        reason: author.reason,
      },
    ]);
    return count;
  }

  /**
   * Drops the version with database id `versionId` (null: every version of the model) from this process. The name
   * must match too: an event from a deployment with another database on the same Redis names other ids.
   */
  unloadHere(modelName: string, versionId: number | null): number {
    const doomed = this.deps.cache
      .list()
      .filter((entry) => entry.modelName === modelName && (versionId === null || entry.key === versionId));
    return doomed.filter((entry) => this.deps.cache.delete(entry.key)).length;
  }

  /** Frees every loaded model and writes the predictions still buffered. */
  async close(): Promise<void> {
    this.deps.routes.clear();
    this.deps.cache.clear();
    await this.deps.predictions.flush();
  }

  private async loaded(model: ModelRecord, route: Route): Promise<LoadedVersion> {
    // An entry can be evicted by another request's load between its promise resolving and our use of it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const entry = await this.deps.cache.getOrLoad(route.id, () => loadVersion(this.deps, model, route));
      if (!entry.disposed) return entry;
    }
    throw new AppError(
      ErrorCode.INTERNAL,
      'the model cache is too small for the versions in use: raise MODEL_CACHE_MAX_MODELS',
    );
  }

  /** Synchronous from encoding to decoding: nothing can evict the entry mid-call, and tidy frees every tensor. */
  private run(entry: LoadedVersion, rows: InputRow[]): OutputRow[] {
    const { tf } = this.deps.runtime;
    const values = tf.tidy(() => {
      const input = tf.tensor2d(entry.encoder.encode(rows), [rows.length, entry.encoder.width]);
      return (entry.network.predict(input, { batchSize: rows.length }) as Tensor).dataSync();
    });
    return decodeOutputs(entry.task, entry.outputSchema, values, rows.length, entry.units);
  }

  private inputSchemaOf(model: ModelRecord): InputSchema {
    const cached = this.schemas.get(model.id);
    if (cached && cached.updatedAt === model.updatedAt.getTime()) return cached.schema;
    const schema = parseInputSchema(model.inputSchema);
    this.schemas.set(model.id, { updatedAt: model.updatedAt.getTime(), schema });
    return schema;
  }
}

/** What the cache calls when it drops a version. */
export const releaseLoadedVersion = (entry: LoadedVersion): void => disposeModel(entry.network);
