import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../graphql/connection.js';
import { toGlobalId } from '../../../graphql/global-id.js';
import { Node } from '../../../graphql/node.js';
import type { TopicRecord } from './topics.service.js';

/** Relations (repositories, relatedTopics) are in topics.relations.ts. */
@ObjectType({
  description: 'A GitHub topic: featured (described by github/explore) or just a name repositories carry.',
  implements: Node,
})
export class Topic implements Node {
  constructor(readonly record: TopicRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('Topic', this.record.id);
  }

  @Field(() => Int)
  get databaseId(): number {
    return this.record.id;
  }

  @Field(() => String, { description: 'As on GitHub: lower case, e.g. "machine-learning".' })
  get name(): string {
    return this.record.name;
  }

  @Field(() => String, { description: 'Human name ("Machine learning"); the name itself when GitHub gives none.' })
  get displayName(): string {
    return this.record.displayName ?? this.record.name;
  }

  @Field(() => String, { nullable: true, description: 'One line.' })
  get shortDescription(): string | null {
    return this.record.shortDescription;
  }

  @Field(() => String, { nullable: true, description: 'A paragraph (Markdown).' })
  get description(): string | null {
    return this.record.description;
  }

  @Field(() => [String], { description: 'Other names of the topic ("js" for "javascript").' })
  get aliases(): string[] {
    return this.record.aliases;
  }

  @Field(() => [String], { description: 'Names of related topics (`relatedTopics` has the Topic objects).' })
  get relatedNames(): string[] {
    return this.record.related;
  }

  @Field(() => String, { nullable: true, description: "The topic's own site, GitHub organisation or Wikipedia page." })
  get url(): string | null {
    return this.record.url;
  }

  @Field(() => Boolean, { description: 'Featured by GitHub (github/explore).' })
  get featured(): boolean {
    return this.record.featured;
  }

  @Field(() => String, { description: "The topic's page on GitHub." })
  get githubUrl(): string {
    return `https://github.com/topics/${this.record.name}`;
  }
}

@ObjectType()
export class TopicConnection extends ConnectionType(Topic, 'Topic') {}
