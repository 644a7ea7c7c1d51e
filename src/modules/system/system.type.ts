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
