import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { Repository } from '../repositories/index.js';
import { User } from '../users/index.js';
import { Contribution } from './contribution.type.js';

/** Relation fields of Contribution: its repository came with it; its user goes through the request's loader. */
@Resolver(() => Contribution)
export class ContributionRelationsResolver {
  @FieldResolver(() => Repository)
  repository(@Root() contribution: Contribution): Repository {
    return new Repository(contribution.record.repository);
  }

  @FieldResolver(() => User)
  async user(@Root() contribution: Contribution, @Ctx() { loaders }: GraphQLContext): Promise<User> {
    const user = await loaders.userById.load(contribution.record.userId);
    if (!user) throw new Error(`contribution ${contribution.record.id} has no user row ${contribution.record.userId}`);
    return new User(user);
  }
}
