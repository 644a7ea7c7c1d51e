import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../errors.js';
import { toConnection } from '../../graphql/connection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import { listQuery } from '../../lib/keyset/index.js';
import { ModelAlias } from './model-alias.type.js';
import type { ModelAliasService } from './model-aliases.service.js';
import { ModelVersion } from './model-version.type.js';
import type { ModelVersionService } from './model-versions.service.js';
import { CreateModelInput, DeleteModelAliasArgs, SetModelAliasArgs, TrafficRouteInput } from './models.input.js';
import type { ModelService } from './models.service.js';
import { Model, ModelConnection } from './models.type.js';
import { MODEL_ORDERING } from './registry.queries.js';

/** The registry: model definitions, versions, aliases and traffic splits. */
@Resolver(() => Model)
export class ModelResolver {
  constructor(
    private readonly definitions: ModelService,
    private readonly versions: ModelVersionService,
    private readonly aliases: ModelAliasService,
  ) {}

  @Query(() => ModelConnection, { description: 'Every model in the registry, by name.' })
  async models(@Args(() => PaginationArgs) args: PaginationArgs): Promise<ModelConnection> {
    const page = await this.definitions.list(listQuery([], MODEL_ORDERING, args, null));
    return toConnection(ModelConnection, page, {
      node: (row) => new Model(row),
      totalCount: () => this.definitions.count(),
    });
  }

  @Query(() => Model, { nullable: true, description: 'A model by name.' })
  async model(@Arg('name', () => String) name: string): Promise<Model> {
    return new Model(await this.definitions.getByName(name));
  }

  @Query(() => ModelVersion, { nullable: true, description: 'One version of a model, by number.' })
  async modelVersion(
    @Arg('name', () => String) name: string,
    @Arg('version', () => Int) version: number,
  ): Promise<ModelVersion> {
    return new ModelVersion(await this.versions.get(name, version));
  }

  @Mutation(() => Model, {
    description: 'Defines a model (name, task, input and output schemas); training adds versions.',
  })
  async createModel(
    @Arg('input', () => CreateModelInput) input: CreateModelInput,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<Model> {
    return new Model(await this.definitions.create(input, viewer));
  }

  @Mutation(() => ModelAlias, {
    description: 'Points an alias at a version (promotion; rollback is pointing it back). Recorded in aliasHistory.',
  })
  async setModelAlias(
    @Args(() => SetModelAliasArgs) args: SetModelAliasArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<ModelAlias> {
    const record = await this.aliases.set({
      model: args.name,
      alias: args.alias,
      version: args.version,
      versionId: args.versionId == null ? null : versionDatabaseId(args.versionId),
      actor: viewer,
      reason: args.reason,
    });
    return new ModelAlias(record);
  }

  @Mutation(() => Model, {
    description: 'Removes an alias (recorded in aliasHistory); not while the traffic split uses it.',
  })
  async deleteModelAlias(
    @Args(() => DeleteModelAliasArgs) args: DeleteModelAliasArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<Model> {
    return new Model(
      await this.aliases.delete({ model: args.name, alias: args.alias, actor: viewer, reason: args.reason }),
    );
  }

  @Mutation(() => Model, {
    description: 'Shares requests that name no alias or version among aliases by weight; an empty list removes it.',
  })
  async setTrafficSplit(
    @Arg('name', () => String) name: string,
    @Arg('routes', () => [TrafficRouteInput]) routes: TrafficRouteInput[],
    @Arg('reason', () => String, { nullable: true, description: 'Why (carried by the modelEvents event).' })
    reason: string | null | undefined,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<Model> {
    return new Model(await this.aliases.setTrafficSplit(name, routes, { actor: viewer, reason }));
  }
}

function versionDatabaseId(globalId: string): number {
  const { type, id } = fromGlobalId(globalId, 'versionId');
  if (type !== 'ModelVersion' || !/^\d+$/.test(id))
    throw badInput(`"${globalId}" is not a ModelVersion id: use the "id" field of a ModelVersion`, {
      argument: 'versionId',
    });
  return Number(id);
}
