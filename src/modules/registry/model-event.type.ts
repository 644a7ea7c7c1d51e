import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { RegistryEvent } from './registry-events.js';

// Values equal to the registry's kinds, so an event converts without a table.
export enum ModelEventKind {
  VERSION_REGISTERED = 'VERSION_REGISTERED',
  ALIAS_SET = 'ALIAS_SET',
  ALIAS_DELETED = 'ALIAS_DELETED',
  TRAFFIC_SPLIT_SET = 'TRAFFIC_SPLIT_SET',
  LOAD_REQUESTED = 'LOAD_REQUESTED',
  UNLOAD_REQUESTED = 'UNLOAD_REQUESTED',
}
registerEnumType(ModelEventKind, {
  name: 'ModelEventKind',
  description: 'What happened to a model.',
  valuesConfig: {
    VERSION_REGISTERED: { description: 'A new version (version) was registered.' },
    ALIAS_SET: { description: 'An alias moved from fromVersion (null: created) to version.' },
    ALIAS_DELETED: { description: 'An alias that pointed at fromVersion was removed.' },
    TRAFFIC_SPLIT_SET: { description: 'The traffic split became routes (empty: removed).' },
    LOAD_REQUESTED: { description: 'loadModel: every process loads version.' },
    UNLOAD_REQUESTED: { description: 'unloadModel: every process unloads version (null: all of the model).' },
  },
});

@ObjectType({ description: 'One route of a traffic split as it was set.' })
export class ModelEventRoute {
  @Field(() => String)
  alias!: string;

  @Field(() => Float, { description: 'Relative weight.' })
  weight!: number;
}

@ObjectType({ description: 'A change to the model registry, or a cluster-wide load/unload request.' })
export class ModelEvent {
  constructor(private readonly event: RegistryEvent) {}

  @Field(() => ModelEventKind)
  get kind(): ModelEventKind {
    return this.event.kind as ModelEventKind;
  }

  @Field(() => String, { description: 'The model name.' })
  get model(): string {
    return this.event.model;
  }

  @Field(() => Int, {
    nullable: true,
    description: 'The version registered, the one the alias now points at, or the one (un)loaded.',
  })
  get version(): number | null {
    return this.event.version;
  }

  @Field(() => Int, { nullable: true, description: 'ALIAS_SET / ALIAS_DELETED: where the alias pointed before.' })
  get fromVersion(): number | null {
    return this.event.fromVersion;
  }

  @Field(() => String, { nullable: true, description: 'The alias moved or removed, or that named the version.' })
  get alias(): string | null {
    return this.event.alias;
  }

  @Field(() => [ModelEventRoute], { nullable: true, description: 'TRAFFIC_SPLIT_SET: the new split.' })
  get routes(): ModelEventRoute[] | null {
    return this.event.routes?.map((route) => Object.assign(new ModelEventRoute(), route)) ?? null;
  }

  @Field(() => String, { nullable: true })
  get actor(): string | null {
    return this.event.actor;
  }

  @Field(() => String, { nullable: true })
  get reason(): string | null {
    return this.event.reason;
  }

  @Field(() => DateTimeScalar, { description: 'When the change was committed (published).' })
  get at(): Date {
    return new Date(this.event.at);
  }
}
