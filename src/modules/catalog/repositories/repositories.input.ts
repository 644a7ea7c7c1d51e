// GraphQL inputs of repository lists: `filter` and `orderBy` (shapes checked in repositories.filter.ts).
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../../graphql/order-direction.js';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import { RepositoryOrderField } from './repositories.ordering.js';

registerEnumType(RepositoryOrderField, {
  name: 'RepositoryOrderField',
  description: 'What repositories are sorted by (ties: by id).',
  valuesConfig: {
    STARS: { description: 'Stargazers (default, most first).' },
    FORKS: { description: 'Forks.' },
    UPDATED_AT: { description: 'Last change on GitHub; unknown dates last.' },
    PUSHED_AT: { description: 'Last push; unknown dates last.' },
    CREATED_AT: { description: 'Creation on GitHub; unknown dates last.' },
    NAME: { description: 'Name without the owner, case-insensitive (A first by default).' },
    RELEVANCE: { description: 'How well `filter.text` matches (name over topics over description); needs it.' },
  },
});

@InputType({ description: 'Topics a repository must carry: all of `all`, and at least one of `any`.' })
export class RepositoryTopicsFilter {
  @Field(() => [String], { nullable: true, description: 'Every one of these topics (at most 20).' })
  all?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'At least one of these topics (at most 20).' })
  any?: string[] | null;
}

@InputType({ description: 'Conditions a repository must meet, all of them.' })
export class RepositoryFilter {
  @Field(() => String, { nullable: true, description: 'Primary language, case-insensitive ("typescript").' })
  language?: string | null;

  @Field(() => RepositoryTopicsFilter, { nullable: true })
  topics?: RepositoryTopicsFilter | null;

  @Field(() => Int, { nullable: true })
  minStars?: number | null;

  @Field(() => Int, { nullable: true })
  maxStars?: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Changed on GitHub after this instant.' })
  updatedAfter?: Date | null;

  @Field(() => String, { nullable: true, description: 'Owned by this account (login, case-insensitive).' })
  ownerLogin?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Keywords: each word must begin a word of the name, topics or description ("tensor" finds TensorFlow).',
  })
  text?: string | null;
}

@InputType({ description: 'How to sort repositories.' })
export class RepositoryOrder {
  @Field(() => RepositoryOrderField)
  field!: RepositoryOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'Default: ASC for NAME, DESC otherwise.' })
  direction?: OrderDirection | null;
}
