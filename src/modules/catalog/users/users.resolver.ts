import { searchWeight } from '../../../graphql/cost-weights.js';
import { Arg, Args, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../../graphql/connection.js';
import { UsersArgs } from './users.input.js';
import { userListQuery } from './users.query.js';
import type { UserService } from './users.service.js';
import { User, UserConnection } from './users.type.js';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly service: UserService) {}

  @Query(() => User, { nullable: true, description: 'A GitHub account by login (case-insensitive).' })
  async user(@Arg('login', () => String) login: string): Promise<User> {
    return new User(await this.service.getByLogin(login));
  }

  @Query(() => UserConnection, {
    description: 'Users and organisations, most followed first unless ordered.',
    complexity: searchWeight,
  })
  async users(@Args(() => UsersArgs) args: UsersArgs): Promise<UserConnection> {
    const query = userListQuery(args);
    const page = await this.service.list(query);
    return toConnection(UserConnection, page, {
      node: (row) => new User(row),
      totalCount: () => this.service.count(query),
    });
  }
}
