import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ModelAliasEvent as ModelAliasEventRow } from '../../generated/prisma/client.js';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { AliasRecord } from './model-aliases.service.js';

@ObjectType({
  description: 'A named pointer to a version (champion, challenger, ...): promote or roll back by moving it.',
})
export class ModelAlias {
  constructor(readonly record: AliasRecord) {}

  @Field(() => String)
  get alias(): string {
    return this.record.alias;
  }

  @Field(() => Int, { description: 'The version it points at.' })
  get version(): number {
    return this.record.version;
  }

  @Field(() => DateTimeScalar, { description: 'When it was last moved.' })
  get updatedAt(): Date {
    return this.record.updatedAt;
  }
}

@ObjectType({
  description: 'One alias move in the audit history: from a version (null: created) to another (null: removed).',
})
export class ModelAliasEvent {
  constructor(private readonly record: ModelAliasEventRow) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('ModelAliasEvent', this.record.id);
  }

  @Field(() => String)
  get alias(): string {
    return this.record.alias;
  }

  @Field(() => Int, { nullable: true, description: 'Where it pointed before; null when this move created it.' })
  get fromVersion(): number | null {
    return this.record.fromVersion;
  }

  @Field(() => Int, { nullable: true, description: 'Where it points after; null when this move removed it.' })
  get toVersion(): number | null {
    return this.record.toVersion;
  }

  @Field(() => String, { nullable: true })
  get actor(): string | null {
    return this.record.actor;
  }

  @Field(() => String, { nullable: true })
  get reason(): string | null {
    return this.record.reason;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }
}

@ObjectType()
export class ModelAliasEventConnection extends ConnectionType(ModelAliasEvent, 'ModelAliasEvent') {}

@ObjectType({ description: 'One route of a traffic split: the share of unaddressed requests an alias serves.' })
export class TrafficRoute {
  @Field(() => String)
  alias!: string;

  @Field(() => Float, { description: 'Relative weight, as set.' })
  weight!: number;

  @Field(() => Float, { description: 'weight / sum of weights: the expected fraction of requests.' })
  share!: number;

  @Field(() => Int, { nullable: true, description: 'The version the alias points at now.' })
  version!: number | null;
}
