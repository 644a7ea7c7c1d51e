import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'The TensorFlow.js runtime of this API process.' })
export class TfjsInfo {
  @Field(() => String, { description: 'The backend in use: tensorflow (native), wasm or cpu.' })
  backend!: string;

  @Field(() => String, { description: 'What TFJS_BACKEND asked for (auto picks the best available).' })
  requested!: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether the wasm backend runs its SIMD build.' })
  simd!: boolean | null;

  @Field(() => Int, { description: 'Tensors alive (loaded model weights included).' })
  numTensors!: number;

  @Field(() => Float, { description: 'Bytes those tensors hold.' })
  numBytes!: number;
}

@ObjectType({
  description:
    'How pipeline runs execute now. Queue counts are the shared queue, the same from every API process; ' +
    'read at most once a second per process.',
})
export class PipelineExecution {
  @Field(() => String, { description: 'queue (worker processes execute runs) or inline (the API process does).' })
  mode!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Worker processes connected to the queue. Null inline, or when Redis refuses CLIENT LIST (some managed ' +
      'Redis), so workers cannot be counted.',
  })
  workers!: number | null;

  @Field(() => Int, { nullable: true, description: 'Runs queued for a worker. Null inline: runs start at once.' })
  waiting!: number | null;

  @Field(() => Int, { description: 'Runs executing: taken by workers (queue), or by this API process (inline).' })
  active!: number;

  @Field(() => Int, { nullable: true, description: 'Jobs scheduled for later. Null inline.' })
  delayed!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Failed jobs the queue still keeps (7 days); the runs' outcomes are on the runs. Null inline.",
  })
  failed!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds since the oldest waiting run was queued; null when none waits.',
  })
  oldestWaitingSeconds!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Set while runs have waited with no worker connected for longer than QUEUE_NO_WORKER_WARN_MS: what is ' +
      'wrong and the command that starts a worker.',
  })
  warning!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the counts were read.' })
  checkedAt!: Date;
}

@ObjectType({ description: 'What this API process is and runs on.' })
export class ServerInfo {
  @Field(() => String, { description: 'Release (package.json version).' })
  version!: string;

  @Field(() => String)
  nodeVersion!: string;

  @Field(() => String, { description: 'NODE_ENV.' })
  environment!: string;

  @Field(() => String, { description: 'postgres or pglite (embedded).' })
  database!: string;

  @Field(() => String, { description: 'redis or memory.' })
  cache!: string;

  @Field(() => String, { description: 'redis or memory.' })
  pubsub!: string;

  @Field(() => TfjsInfo)
  tfjs!: TfjsInfo;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => Float)
  uptimeSeconds!: number;
}
