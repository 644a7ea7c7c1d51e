import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { User } from '../users/users.type.js';
import type { RepositoryRecord } from './repositories.service.js';

@ObjectType({ description: 'A GitHub repository.' })
export class Repository {
  constructor(readonly record: RepositoryRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('Repository', this.record.id);
  }

  @Field(() => Int)
  get databaseId(): number {
    return this.record.id;
  }

  @Field(() => String, { description: '"owner/name", e.g. "facebook/react".' })
  get fullName(): string {
    return this.record.fullName;
  }

  @Field(() => String)
  get name(): string {
    return this.record.name;
  }

  @Field(() => String, { nullable: true })
  get description(): string | null {
    return this.record.description;
  }

  @Field(() => String, { nullable: true, description: 'Primary language, as GitHub detects it.' })
  get language(): string | null {
    return this.record.language;
  }

  @Field(() => [String], { description: 'Topic names, as set on GitHub.' })
  get topicNames(): string[] {
    return this.record.topics;
  }

  @Field(() => Int, { description: 'Stargazers, as of `statsAsOf` (approximate: observed dates differ).' })
  get stars(): number {
    return this.record.stars;
  }

  @Field(() => Int)
  get forks(): number {
    return this.record.forks;
  }

  @Field(() => Int, { nullable: true })
  get openIssues(): number | null {
    return this.record.openIssues;
  }

  @Field(() => String, { nullable: true, description: 'SPDX id of the licence, when known.' })
  get license(): string | null {
    return this.record.license;
  }

  @Field(() => String)
  get url(): string {
    return this.record.url ?? `https://github.com/${this.record.fullName}`;
  }

  @Field(() => String, { nullable: true })
  get homepage(): string | null {
    return this.record.homepage;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the repository was created on GitHub.' })
  get createdAt(): Date | null {
    return this.record.createdAt;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'Last push to any branch.' })
  get pushedAt(): Date | null {
    return this.record.pushedAt;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'Last change of the repository on GitHub.' })
  get updatedAt(): Date | null {
    return this.record.updatedAt;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'When stars and forks were observed.' })
  get statsAsOf(): Date | null {
    return this.record.statsAsOf;
  }
}

@ObjectType()
export class RepositoryConnection extends ConnectionType(Repository, 'Repository') {}

/** Relation fields of Repository: each goes through the request's DataLoaders. */
@Resolver(() => Repository)
export class RepositoryRelationsResolver {
  @FieldResolver(() => User, { description: 'The account that owns the repository.' })
  async owner(@Root() repository: Repository, @Ctx() { loaders }: GraphQLContext): Promise<User> {
    const owner = await loaders.userById.load(repository.record.ownerId);
    if (!owner) throw new Error(`repository ${repository.record.id} has no owner row ${repository.record.ownerId}`);
    return new User(owner);
  }
}
