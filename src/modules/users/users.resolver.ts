import { Arg, Query, Resolver } from 'type-graphql';
import { User } from './users.type.js';
import type { UserService } from './users.service.js';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => User, { nullable: true, description: 'A GitHub account by login (case-insensitive).' })
  async user(@Arg('login', () => String) login: string): Promise<User> {
    return new User(await this.users.getByLogin(login));
  }
}
