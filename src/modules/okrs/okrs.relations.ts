// Relation and computed fields of OKR types, batched over every object of the request (DataLoaders): the SQL
// statement count does not grow with the list size (test/modules/okrs covers it).
import { Args, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { toConnection } from '../../graphql/connection.js';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import { listQuery, sortColumn } from '../../lib/keyset/index.js';
import { Prisma } from '../../generated/prisma/client.js';
import { User } from '../catalog/users/index.js';
import { KeyResultForecast } from './forecast/forecast.type.js';
import { keyResultProgress } from './math/progress.js';
import { objectiveQuery, ObjectivesArgs } from './okrs.input.js';
import type { OkrServices } from './okrs.service.js';
import { keyResultStatus, objectiveScore, objectiveStatus } from './okr-status.js';
import {
  CheckIn,
  CheckInConnection,
  KeyResult,
  KeyResultConnection,
  Objective,
  ObjectiveConnection,
  OkrStatus,
} from './okrs.type.js';

const KEY_RESULT_ORDER = { name: 'keyResult.id', columns: [sortColumn(Prisma.sql`k.id`, 'int', 'ASC')] };
const CHECK_IN_ORDER = {
  name: 'checkIn.newest',
  columns: [sortColumn(Prisma.sql`c.created_at`, 'timestamp', 'DESC'), sortColumn(Prisma.sql`c.id`, 'int', 'DESC')],
};

@Resolver(() => Objective)
export class ObjectiveRelationsResolver {
  constructor(private readonly okrs: OkrServices) {}

  @FieldResolver(() => OkrStatus)
  status(@Root() objective: Objective): OkrStatus {
    return objectiveStatus(objective.record, this.okrs.now(), this.okrs.thresholds) as OkrStatus;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'The 0.0–1.0 grade once the period has ended.' })
  score(@Root() objective: Objective): number | null {
    return objectiveScore(objective.record, this.okrs.now());
  }

  @FieldResolver(() => User)
  async owner(@Root() objective: Objective, @Ctx() { loaders }: GraphQLContext): Promise<User> {
    const row = await loaders.userById.load(objective.record.ownerId);
    if (!row) throw new Error(`objective ${objective.record.id} has no owner row`);
    return new User(row);
  }

  @FieldResolver(() => Objective, { nullable: true, description: 'What it aligns under (null: none you may see).' })
  async parent(@Root() objective: Objective, @Ctx() { loaders }: GraphQLContext): Promise<Objective | null> {
    if (objective.record.parentId === null) return null;
    const row = await loaders.objectiveById.load(objective.record.parentId);
    return row && new Objective(row);
  }

  @FieldResolver(() => ObjectiveConnection, { description: 'Objectives aligned directly under this one.' })
  async children(
    @Root() objective: Objective,
    @Args(() => ObjectivesArgs) args: ObjectivesArgs,
    @Ctx() { loaders, viewer }: GraphQLContext,
  ): Promise<ObjectiveConnection> {
    const query = objectiveQuery(args, viewer, this.okrs);
    const page = await loaders.objectivesOf.parent(query).load(objective.record.id);
    return toConnection(ObjectiveConnection, page, {
      node: (row) => new Objective(row),
      totalCount: () => loaders.objectiveCountOf.parent(query).load(objective.record.id),
    });
  }

  @FieldResolver(() => [Objective], {
    description: 'Its ancestors from the top down to its parent (stops below one you may not see).',
  })
  async alignmentPath(@Root() objective: Objective, @Ctx() { loaders }: GraphQLContext): Promise<Objective[]> {
    const ancestors = await loaders.ancestorsOf.load(objective.record.id);
    return ancestors.map((row) => new Objective(row)).reverse();
  }

  @FieldResolver(() => KeyResultConnection, { description: 'In the order they were added.' })
  async keyResults(
    @Root() objective: Objective,
    @Args(() => PaginationArgs) args: PaginationArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<KeyResultConnection> {
    const query = listQuery([], KEY_RESULT_ORDER, args, null);
    const page = await loaders.keyResultsOf(query).load(objective.record.id);
    return toConnection(KeyResultConnection, page, {
      node: (row) => new KeyResult(row),
      totalCount: () => loaders.keyResultCountOf(query).load(objective.record.id),
    });
  }
}

@Resolver(() => KeyResult)
export class KeyResultRelationsResolver {
  constructor(private readonly okrs: OkrServices) {}

  @FieldResolver(() => Float, { description: 'Share of the way from start to target, 0–1 (falling targets too).' })
  progress(@Root() keyResult: KeyResult): number {
    return keyResultProgress(keyResult.record);
  }

  @FieldResolver(() => OkrStatus, { description: 'From pace and the current forecast (the worse of the two).' })
  async status(@Root() keyResult: KeyResult, @Ctx() { loaders }: GraphQLContext): Promise<OkrStatus> {
    const [objective, forecast] = await Promise.all([
      loaders.objectiveById.load(keyResult.record.objectiveId),
      loaders.keyResultForecast.load(keyResult.record.id),
    ]);
    const start = objective?.periodStart ?? keyResult.record.createdAt;
    const record = { ...keyResult.record, forecastProbability: forecast?.probability ?? null };
    return keyResultStatus(record, start, this.okrs.now(), this.okrs.thresholds) as OkrStatus;
  }

  @FieldResolver(() => KeyResultForecast, {
    nullable: true,
    description:
      'kr-forecast’s view of the due date: probability of reaching the target, expected value with an 80% ' +
      'interval, and why. Null while no kr-forecast version is champion (trainModel(name: "kr-forecast")).',
  })
  async forecast(@Root() keyResult: KeyResult, @Ctx() { loaders }: GraphQLContext): Promise<KeyResultForecast | null> {
    const forecast = await loaders.keyResultForecast.load(keyResult.record.id);
    return forecast ? new KeyResultForecast(forecast) : null;
  }

  @FieldResolver(() => Objective)
  async objective(@Root() keyResult: KeyResult, @Ctx() { loaders }: GraphQLContext): Promise<Objective> {
    const row = await loaders.objectiveById.load(keyResult.record.objectiveId);
    if (!row) throw new Error(`key result ${keyResult.record.id} has no objective you may see`);
    return new Objective(row);
  }

  @FieldResolver(() => CheckInConnection, { description: 'Newest first.' })
  async checkIns(
    @Root() keyResult: KeyResult,
    @Args(() => PaginationArgs) args: PaginationArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<CheckInConnection> {
    const query = listQuery([], CHECK_IN_ORDER, args, null);
    const page = await loaders.checkInsOf(query).load(keyResult.record.id);
    return toConnection(CheckInConnection, page, {
      node: (row) => new CheckIn(row),
      totalCount: () => loaders.checkInCountOf(query).load(keyResult.record.id),
    });
  }
}

@Resolver(() => CheckIn)
export class CheckInRelationsResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who recorded it (null: the system, or a deleted user).' })
  async author(@Root() checkIn: CheckIn, @Ctx() { loaders }: GraphQLContext): Promise<User | null> {
    if (checkIn.record.authorId === null) return null;
    const row = await loaders.userById.load(checkIn.record.authorId);
    return row && new User(row);
  }

  @FieldResolver(() => KeyResult)
  async keyResult(@Root() checkIn: CheckIn, @Ctx() { loaders }: GraphQLContext): Promise<KeyResult> {
    const row = await loaders.keyResultById.load(checkIn.record.keyResultId);
    if (!row) throw new Error(`check-in ${checkIn.record.id} has no key result you may see`);
    return new KeyResult(row);
  }
}

@Resolver(() => User)
export class UserObjectivesResolver {
  constructor(private readonly okrs: OkrServices) {}

  @FieldResolver(() => ObjectiveConnection, { description: 'Objectives this user owns that you may see.' })
  async objectives(
    @Root() user: User,
    @Args(() => ObjectivesArgs) args: ObjectivesArgs,
    @Ctx() { loaders, viewer }: GraphQLContext,
  ): Promise<ObjectiveConnection> {
    const query = objectiveQuery(args, viewer, this.okrs);
    const page = await loaders.objectivesOf.owner(query).load(user.record.id);
    return toConnection(ObjectiveConnection, page, {
      node: (row) => new Objective(row),
      totalCount: () => loaders.objectiveCountOf.owner(query).load(user.record.id),
    });
  }
}
