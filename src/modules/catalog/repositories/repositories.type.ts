import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../graphql/connection.js';
import { toGlobalId } from '../../../graphql/global-id.js';
import { Node } from '../../../graphql/node.js';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import type { RepositoryRecord } from './repositories.service.js';

/** Relations (owner, topics, primaryLanguage, contributors) are in repositories.relations.ts. */
@ObjectType({ description: 'A GitHub repository.', implements: Node })
export class Repository implements Node {
  constructor(readonly record: RepositoryRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('Repository', this.record.id);
  }

  @Field(() => Int, { description: "This API's own numeric id (stable; prefer `id` across types)." })
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

  @Field(() => [String], { description: 'Topic names, as set on GitHub (`topics` has the Topic objects).' })
  get topicNames(): string[] {
    return this.record.topics;
  }

  @Field(() => [String], { description: 'Earlier "owner/name"s of a renamed or transferred repository.' })
  get formerNames(): string[] {
    return this.record.formerNames;
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

  @Field(() => DateTimeScalar, { description: 'When OST Graph last refreshed this repository from its sources.' })
  get syncedAt(): Date {
    return this.record.syncedAt;
  }
}

@ObjectType()
export class RepositoryConnection extends ConnectionType(Repository, 'Repository') {}
