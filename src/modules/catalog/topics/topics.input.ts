// GraphQL inputs of topic lists (checked in topics.query.ts).
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../../graphql/order-direction.js';
import { PaginationArgs } from '../../../graphql/pagination.args.js';
import { TopicOrderField } from './topics.query.js';

registerEnumType(TopicOrderField, {
  name: 'TopicOrderField',
  description: 'What topics are sorted by (ties: by name).',
  valuesConfig: {
    NAME: { description: 'Name (default, A first).' },
    REPOSITORY_COUNT: { description: 'Repositories carrying the topic (most first by default).' },
    RELEVANCE: { description: 'How well `filter.text` matches (name first); needs it.' },
  },
});

@InputType({ description: 'Conditions a topic must meet, all of them.' })
export class TopicFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Keywords: each word must begin a word of the name, display name, aliases or short description.',
  })
  text?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only featured topics (true) or only the others (false).' })
  featured?: boolean | null;
}

@InputType({ description: 'How to sort topics.' })
export class TopicOrder {
  @Field(() => TopicOrderField)
  field!: TopicOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'Default: ASC for NAME, DESC otherwise.' })
  direction?: OrderDirection | null;
}

@ArgsType()
export class TopicsArgs extends PaginationArgs {
  @Field(() => TopicFilter, { nullable: true })
  filter?: TopicFilter | null;

  @Field(() => TopicOrder, { nullable: true, description: 'Default: by name.' })
  orderBy?: TopicOrder | null;
}
