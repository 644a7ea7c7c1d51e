// What this process is and runs on: release, database, cache and pubsub kinds, TensorFlow.js backend and its
// tensor memory, uptime. For operators (serverInfo) and probes; never secrets (no URLs, no credentials).
import { readFileSync } from 'node:fs';
import type { MlRuntime } from '../../infra/ml/index.js';

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

export interface SystemDeps {
  environment: string;
  database: SystemInfo['database'];
  cache: SystemInfo['cache'];
  pubsub: SystemInfo['pubsub'];
  ml: MlRuntime;
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
}
