import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../graphql/connection.js';
import { toGlobalId } from '../../../graphql/global-id.js';
import { Node } from '../../../graphql/node.js';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import { UserKind } from './users.filter.js';
import type { UserRecord } from './users.service.js';

export const UserType = UserKind;
export type UserType = UserKind;
registerEnumType(UserType, { name: 'UserType', description: 'What kind of GitHub account this is.' });

/** Relations (contributions, techStack, repositories) are in users.relations.ts. */
@ObjectType({ description: 'A GitHub account: a person, an organisation or a bot.', implements: Node })
export class User implements Node {
  constructor(readonly record: UserRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('User', this.record.id);
  }

  @Field(() => Int)
  get databaseId(): number {
    return this.record.id;
  }

  @Field(() => String, {
    nullable: true,
    description: "GitHub's numeric id, as a decimal string (it outgrows GraphQL's 32-bit Int).",
  })
  get githubId(): string | null {
    return this.record.githubId === null ? null : String(this.record.githubId);
  }

  @Field(() => String)
  get login(): string {
    return this.record.login;
  }

  @Field(() => UserType)
  get type(): UserType {
    return this.record.type;
  }

  @Field(() => String, { nullable: true })
  get name(): string | null {
    return this.record.name;
  }

  @Field(() => String, { nullable: true })
  get bio(): string | null {
    return this.record.bio;
  }

  @Field(() => String, { nullable: true })
  get company(): string | null {
    return this.record.company;
  }

  @Field(() => String, { nullable: true })
  get location(): string | null {
    return this.record.location;
  }

  @Field(() => String, { nullable: true })
  get avatarUrl(): string | null {
    return this.record.avatarUrl;
  }

  @Field(() => Int, { nullable: true, description: 'Public repositories, as GitHub last reported.' })
  get publicRepos(): number | null {
    return this.record.publicRepos;
  }

  @Field(() => Int, { nullable: true })
  get followers(): number | null {
    return this.record.followers;
  }

  @Field(() => Int, { nullable: true })
  get following(): number | null {
    return this.record.following;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the account was created on GitHub.' })
  get createdAt(): Date | null {
    return this.record.createdAt;
  }

  @Field(() => String, { description: "The account's page on GitHub." })
  get url(): string {
    return `https://github.com/${this.record.login}`;
  }
}

@ObjectType()
export class UserConnection extends ConnectionType(User, 'User') {}
