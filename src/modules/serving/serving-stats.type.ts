import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { LoadedVersion } from './loaded-version.js';
import type { VersionServingStats as VersionServingStatsRecord } from './serving-stats.js';

@ObjectType({ description: 'How one version has served in this API process (counters since start, latency recent).' })
export class VersionServingStats {
  constructor(private readonly stats: VersionServingStatsRecord) {}

  @Field(() => Int)
  get version(): number {
    return this.stats.version;
  }

  @Field(() => Int, { description: 'predict calls served.' })
  get requests(): number {
    return this.stats.requests;
  }

  @Field(() => Int, { description: 'Input rows served.' })
  get rows(): number {
    return this.stats.rows;
  }

  @Field(() => Int, { description: 'Calls routed here that failed (loading or running), not rejected inputs.' })
  get errors(): number {
    return this.stats.errors;
  }

  @Field(() => Float, { nullable: true, description: 'Median milliseconds over the last 1024 calls.' })
  get p50(): number | null {
    return this.stats.p50Ms;
  }

  @Field(() => Float, { nullable: true, description: '95th percentile, milliseconds, last 1024 calls.' })
  get p95(): number | null {
    return this.stats.p95Ms;
  }

  @Field(() => Float, { nullable: true, description: '99th percentile, milliseconds, last 1024 calls.' })
  get p99(): number | null {
    return this.stats.p99Ms;
  }

  @Field(() => Float, { nullable: true, description: 'Mean milliseconds, last 1024 calls.' })
  get mean(): number | null {
    return this.stats.meanMs;
  }

  @Field(() => DateTimeScalar, { nullable: true })
  get lastServedAt(): Date | null {
    return this.stats.lastServedAt;
  }
}

@ObjectType({ description: 'A version loaded in this API process, ready to serve.' })
export class LoadedModelVersion {
  constructor(private readonly entry: LoadedVersion) {}

  @Field(() => String)
  get model(): string {
    return this.entry.modelName;
  }

  @Field(() => Int)
  get version(): number {
    return this.entry.version;
  }

  @Field(() => Int, { description: 'Bytes of weights it holds in memory.' })
  get bytes(): number {
    return this.entry.bytes;
  }

  @Field(() => Float, { description: 'Milliseconds its load took (read, build, check).' })
  get loadMs(): number {
    return this.entry.loadMs;
  }

  @Field(() => Int, { description: 'Requests served from the cache since it was loaded.' })
  get hits(): number {
    return this.entry.hits;
  }

  @Field(() => DateTimeScalar)
  get loadedAt(): Date {
    return this.entry.loadedAt;
  }

  @Field(() => DateTimeScalar)
  get lastUsedAt(): Date {
    return this.entry.lastUsedAt;
  }
}

@ObjectType({ description: 'The model cache of this API process: loaded versions and the memory they hold.' })
export class ModelCacheInfo {
  @Field(() => Int)
  models!: number;

  @Field(() => Float, { description: 'Bytes of weights held by all loaded versions.' })
  bytes!: number;

  @Field(() => Int, { description: 'MODEL_CACHE_MAX_MODELS.' })
  maxModels!: number;

  @Field(() => Float, { description: 'MODEL_CACHE_MAX_BYTES.' })
  maxBytes!: number;

  @Field(() => [LoadedModelVersion], { description: 'Most recently used first.' })
  versions!: LoadedModelVersion[];
}
