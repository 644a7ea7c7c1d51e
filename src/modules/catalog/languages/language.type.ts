import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../graphql/connection.js';
import { toGlobalId } from '../../../graphql/global-id.js';
import { Node } from '../../../graphql/node.js';
import type { LanguageRecord } from './languages.service.js';

/** `repositories` is in languages.relations.ts. The id is made from the name: a language has no row of its own. */
@ObjectType({ description: 'A programming language, as the primary language of repositories.', implements: Node })
export class Language implements Node {
  constructor(readonly record: LanguageRecord) {}

  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  get id(): string {
    return toGlobalId('Language', this.record.name);
  }

  @Field(() => String, { description: 'As GitHub spells it, e.g. "TypeScript".' })
  get name(): string {
    return this.record.name;
  }

  @Field(() => Int, { description: 'Repositories whose primary language this is.' })
  get repositoryCount(): number {
    return this.record.repositoryCount;
  }

  @Field(() => Float, { description: 'Stars of those repositories together (a Float: it outgrows 32 bits).' })
  get totalStars(): number {
    return this.record.totalStars;
  }
}

@ObjectType()
export class LanguageConnection extends ConnectionType(Language, 'Language') {}
