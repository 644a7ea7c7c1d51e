// Serving: routes a request to a version (explicit version, alias, traffic split, or the champion), checks the
// rows against the model's input schema, and runs them as one batched tensor call on the loaded version.
// Loading is lazy (the first request loads) or explicit (loadModel warms a version before traffic arrives).
import type { Tensor } from '@tensorflow/tfjs';
import { disposeModel, type MlRuntime } from '../../infra/ml/index.js';
import type { Logger } from '../../logger.js';
import { AppError, ErrorCode, badInput, isAppError } from '../../errors.js';
import { parseInputSchema, validateRows, type InputRow, type InputSchema } from './input-schema.js';
import type { ModelAliasService } from './model-aliases.service.js';
import type { ModelCache } from './model-cache.js';
import { DEFAULT_ALIAS, assertVersionNumber } from './model-names.js';
import type { ModelVersionService } from './model-versions.service.js';
import type { ModelRecord, ModelService } from './models.service.js';
import { decodeOutputs, type OutputRow } from './output-schema.js';
import type { PredictionService } from './predictions.service.js';
import type { ServingStats } from './serving-stats.js';
import { routeRequest, storedTrafficSplit } from './traffic-split.js';
import type { LoadedVersion } from './loaded-version.js';
import { loadVersion } from './load-version.js';

export const MAX_PREDICT_ROWS = 1_000;
const MAX_ROUTING_KEY = 256;

export interface ServingTarget {
  model: string;
  alias?: string | null;
  version?: number | null;
}

export interface PredictRequest extends ServingTarget {
  inputs: readonly unknown[];
  routingKey?: string | null;
}

export interface Route {
  id: number;
  version: number;
  /** The alias that routed the request; null when the caller named the version. */
  alias: string | null;
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
  logger: Logger;
}

export class ServingService {
  private readonly schemas = new Map<number, { updatedAt: number; schema: InputSchema }>();

  constructor(private readonly deps: ServingDeps) {}

  async predict(request: PredictRequest): Promise<PredictOutcome> {
    const { inputs } = request;
    if (inputs.length === 0 || inputs.length > MAX_PREDICT_ROWS)
      throw badInput(`inputs: give 1 to ${MAX_PREDICT_ROWS} rows; got ${inputs.length}`, { argument: 'inputs' });
    const routingKey = request.routingKey ?? null;
    if (routingKey !== null && (routingKey.length === 0 || routingKey.length > MAX_ROUTING_KEY))
      throw badInput(`routingKey: 1 to ${MAX_ROUTING_KEY} characters`, { argument: 'routingKey' });
    const model = await this.deps.models.getByName(request.model, 'model');
    const rows = validateRows(this.inputSchemaOf(model), inputs);
    const route = await this.route(model, request);
    let outputs: OutputRow[];
    let latencyMs: number;
    try {
      const entry = await this.loaded(model, route);
      const started = performance.now();
      outputs = this.run(entry, rows);
      latencyMs = performance.now() - started;
    } catch (error) {
      this.deps.stats.error(model.name, route.version);
      throw error;
    }
    this.deps.stats.success(model.name, route.version, rows.length, latencyMs);
    const logged = this.deps.predictions.record(
      rows.map((input, i) => ({ modelVersionId: route.id, routingKey, input, output: outputs[i], latencyMs })),
    );
    return { ...route, model, outputs, latencyMs, logged };
  }

  /** Loads (warms) one version, named by alias or number. */
  async load(target: ServingTarget): Promise<LoadedVersion> {
    if (target.alias == null && target.version == null)
      throw badInput('name the version to load: give "alias" or "version"', { argument: 'alias' });
    const model = await this.deps.models.getByName(target.model);
    return this.loaded(model, await this.route(model, target));
  }

  /** Unloads one version (by alias or number), or every loaded version of the model; returns how many. */
  async unload(target: ServingTarget): Promise<number> {
    const model = await this.deps.models.getByName(target.model);
    if (target.alias == null && target.version == null) {
      const mine = this.deps.cache.list().filter((entry) => entry.modelId === model.id);
      return mine.filter((entry) => this.deps.cache.delete(entry.key)).length;
    }
    const route = await this.route(model, target);
    return this.deps.cache.delete(route.id) ? 1 : 0;
  }

  /** Which version serves a request: the named version or alias, else the traffic split, else the champion. */
  async route(model: ModelRecord, request: ServingTarget & { routingKey?: string | null }): Promise<Route> {
    if (request.alias != null && request.version != null)
      throw badInput('give "alias" or "version", not both', { argument: 'version' });
    if (request.version != null) {
      const row = await this.deps.versions.getOf(model, assertVersionNumber(request.version));
      return { id: row.id, version: row.version, alias: null };
    }
    const split = storedTrafficSplit(model.trafficSplit);
    const alias =
      request.alias ?? (split.length > 0 ? routeRequest(split, request.routingKey, model.name) : DEFAULT_ALIAS);
    try {
      return { ...(await this.deps.aliases.resolve(model, alias)), alias };
    } catch (error) {
      if (request.alias == null && split.length === 0 && isAppError(error) && error.code === ErrorCode.NOT_FOUND)
        throw badInput(
          `model "${model.name}" has no traffic split and no "${DEFAULT_ALIAS}" alias: name an alias or a version`,
          { argument: 'alias' },
        );
      throw error;
    }
  }

  /** Frees every loaded model and writes the predictions still buffered. */
  async close(): Promise<void> {
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
