// What this process is and runs on: release, database, cache and pubsub kinds, TensorFlow.js backend and its
// tensor memory, uptime, how pipeline runs execute. For operators (serverInfo) and probes; never secrets (no URLs,
// no credentials).
import { readFileSync } from 'node:fs';
import type { MlRuntime } from '../../infra/ml/index.js';
import type { PipelineHealth } from '../../infra/queue/port.js';
import type { Reading } from '../pipeline/index.js';

export interface SystemInfo {
  version: string;
  nodeVersion: string;
  environment: string;
  database: 'postgres' | 'pglite';
  cache: 'redis' | 'memory';
  pubsub: 'redis' | 'memory';
  tfjs: {
    backend: string;
    requested: string;
    simd: boolean | null;
    numTensors: number;
    numBytes: number;
  };
  startedAt: Date;
  uptimeSeconds: number;
}

export interface PipelineExecutionInfo extends PipelineHealth {
  /** Set while runs wait with no worker connected (see no-worker-watch.ts). */
  warning: string | null;
  checkedAt: Date;
}

export interface SystemDeps {
  environment: string;
  database: SystemInfo['database'];
  cache: SystemInfo['cache'];
  pubsub: SystemInfo['pubsub'];
  ml: MlRuntime;
  pipelines: {
    /** The dispatcher's health, cached briefly (a dashboard may poll). */
    health(): Promise<Reading<PipelineHealth>>;
    warning(): string | null;
  };
}

/** package.json sits at the same depth above src/ and dist/, so one relative path serves both. */
export function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export class SystemService {
  private readonly version = packageVersion();

  constructor(private readonly deps: SystemDeps) {}

  info(): SystemInfo {
    const { ml } = this.deps;
    const memory = ml.memory();
    const uptimeSeconds = process.uptime();
    return {
      version: this.version,
      nodeVersion: process.versions.node,
      environment: this.deps.environment,
      database: this.deps.database,
      cache: this.deps.cache,
      pubsub: this.deps.pubsub,
      tfjs: {
        backend: ml.backend,
        requested: ml.requested,
        simd: ml.simd ?? null,
        numTensors: memory.numTensors,
        numBytes: memory.numBytes,
      },
      startedAt: new Date(Date.now() - uptimeSeconds * 1000),
      uptimeSeconds,
    };
  }

  /** Rejects when the queue cannot be read (Redis unreachable). */
  async pipelines(): Promise<PipelineExecutionInfo> {
    const { value, readAt } = await this.deps.pipelines.health();
    return { ...value, warning: this.deps.pipelines.warning(), checkedAt: readAt };
  }
}
