import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { toConnection } from '../../graphql/connection.js';
import {
  AddKeyResultInput,
  CheckInInput,
  CreateObjectiveInput,
  objectiveQuery,
  ObjectivesArgs,
  UpdateKeyResultInput,
  UpdateObjectiveInput,
} from './okrs.input.js';
import type { OkrServices } from './okrs.service.js';
import { CheckIn, KeyResult, Objective, ObjectiveConnection } from './okrs.type.js';

@Resolver(() => Objective)
export class ObjectivesResolver {
  constructor(private readonly okrs: OkrServices) {}

  @Query(() => ObjectiveConnection, {
    description: 'Objectives you may see (public ones, your own, all for admins), latest period first.',
  })
  async objectives(
    @Args(() => ObjectivesArgs) args: ObjectivesArgs,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<ObjectiveConnection> {
    const query = objectiveQuery(args, viewer, this.okrs);
    const page = await this.okrs.reads.list(query);
    return toConnection(ObjectiveConnection, page, {
      node: (row) => new Objective(row),
      totalCount: () => this.okrs.reads.count(query),
    });
  }

  @Query(() => Objective, { nullable: true, description: 'An objective by its databaseId (null: none you may see).' })
  async objective(@Arg('id', () => Int) id: number, @Ctx() { loaders }: GraphQLContext): Promise<Objective | null> {
    const row = await loaders.objectiveById.load(id);
    return row && new Objective(row);
  }

  @Mutation(() => Objective, { description: 'Creates an objective (yours; another user’s needs ADMIN).' })
  async createObjective(
    @Arg('input', () => CreateObjectiveInput) input: CreateObjectiveInput,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<Objective> {
    return new Objective(await this.okrs.objectives.create(input, viewer));
  }

  @Mutation(() => Objective, { description: 'Changes an objective (its owner or an admin).' })
  async updateObjective(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateObjectiveInput) input: UpdateObjectiveInput,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'The version you read: CONFLICT when it changed since.',
    })
    expectedVersion: number | null,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<Objective> {
    return new Objective(await this.okrs.objectives.update(id, { ...input, expectedVersion }, viewer));
  }

  @Mutation(() => Objective, { description: 'Archives an objective: it leaves lists and takes no more changes.' })
  async archiveObjective(@Arg('id', () => Int) id: number, @Ctx() { viewer }: GraphQLContext): Promise<Objective> {
    return new Objective(await this.okrs.objectives.archive(id, viewer));
  }

  @Mutation(() => KeyResult, { description: 'Adds a key result to an objective (its owner or an admin).' })
  async addKeyResult(
    @Arg('input', () => AddKeyResultInput) input: AddKeyResultInput,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<KeyResult> {
    return new KeyResult(await this.okrs.keyResults.add(input, viewer));
  }

  @Mutation(() => KeyResult, { description: 'Changes a key result (its objective’s owner or an admin).' })
  async updateKeyResult(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateKeyResultInput) input: UpdateKeyResultInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<KeyResult> {
    return new KeyResult(await this.okrs.keyResults.update(id, { ...input, expectedVersion }, viewer));
  }

  @Mutation(() => KeyResult, { description: 'Removes a key result and its check-ins; returns what it was.' })
  async removeKeyResult(@Arg('id', () => Int) id: number, @Ctx() { viewer }: GraphQLContext): Promise<KeyResult> {
    return new KeyResult(await this.okrs.keyResults.remove(id, viewer));
  }

  @Mutation(() => CheckIn, {
    description:
      'Records a value of a key result (atomic: concurrent check-ins all count); with an idempotencyKey a retry ' +
      'returns the first check-in and counts once.',
  })
  async checkIn(
    @Arg('input', () => CheckInInput) input: CheckInInput,
    @Ctx() { viewer }: GraphQLContext,
  ): Promise<CheckIn> {
    return new CheckIn((await this.okrs.keyResults.checkIn(input, viewer)).checkIn);
  }
}
