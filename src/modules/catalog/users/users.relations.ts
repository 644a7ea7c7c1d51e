import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { oncePerField } from '../../../graphql/field-memo.js';
import { toConnection } from '../../../graphql/connection.js';
import {
  Contribution,
  ContributionConnection,
  ContributionsArgs,
  contributionListQuery,
  contributionRepositoryFields,
} from '../contributions/index.js';
import { RepositoriesArgs, repositoryListQuery, Repository, RepositoryConnection } from '../repositories/index.js';
import { DEFAULT_TECH_STACK_SIZE, MAX_TECH_STACK_SIZE, techStackSize } from './tech-stack.js';
import { TechStack } from './tech-stack.type.js';
import { User } from './users.type.js';

/** Relation fields of User: each goes through the request's loaders, batched over every user of the request. */
@Resolver(() => User)
export class UserRelationsResolver {
  @FieldResolver(() => ContributionConnection, { description: 'Repositories this user contributed to, most first.' })
  async contributions(
    @Root() user: User,
    @Args(() => ContributionsArgs) args: ContributionsArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ContributionConnection> {
    const { loaders } = context;
    // The same for every parent: arguments checked, list query and loader found once per request.
    const { query, loader } = oncePerField(context, info, () => {
      const query = contributionListQuery(args);
      return { query, loader: loaders.contributionsOf(query, contributionRepositoryFields(info)) };
    });
    const page = await loader.load(user.record.id);
    return toConnection(ContributionConnection, page, {
      node: (row) => new Contribution(row),
      totalCount: () => loaders.contributionCountOf(query).load(user.record.id),
    });
  }

  @FieldResolver(() => TechStack, {
    description: 'Languages and topics this user works with, by share of their contributions.',
  })
  async techStack(
    @Root() user: User,
    @Arg('limit', () => Int, {
      defaultValue: DEFAULT_TECH_STACK_SIZE,
      description: `Entries per list, 1 to ${MAX_TECH_STACK_SIZE}.`,
    })
    limit: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<TechStack> {
    return new TechStack(await loaders.techStackOf(techStackSize(limit)).load(user.record.id));
  }

  @FieldResolver(() => RepositoryConnection, { description: 'Repositories this account owns.' })
  async repositories(
    @Root() user: User,
    @Args(() => RepositoriesArgs) args: RepositoriesArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<RepositoryConnection> {
    const query = repositoryListQuery(args);
    const page = await loaders.repositoriesOf.owner(query).load(user.record.id);
    return toConnection(RepositoryConnection, page, {
      node: (row) => new Repository(row),
      totalCount: () => loaders.repositoryCountOf.owner(query).load(user.record.id),
    });
  }
}
