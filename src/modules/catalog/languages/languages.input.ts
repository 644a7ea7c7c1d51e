// GraphQL inputs of language lists: `filter` and `orderBy` (checked in languages.query.ts).
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../../graphql/order-direction.js';
import { PaginationArgs } from '../../../graphql/pagination.args.js';
import { LanguageOrderField } from './languages.query.js';

registerEnumType(LanguageOrderField, {
  name: 'LanguageOrderField',
  description: 'What languages are sorted by (ties: by name).',
  valuesConfig: {
    REPOSITORY_COUNT: { description: 'Repositories (default, most first).' },
    TOTAL_STARS: { description: 'Stars of their repositories together.' },
    NAME: { description: 'Name, case-insensitive (A first by default).' },
  },
});

@InputType({ description: 'Conditions a language must meet, all of them.' })
export class LanguageFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Keywords: each word must begin a word of the name, case-insensitive ("type" finds TypeScript).',
  })
  text?: string | null;

  @Field(() => Int, { nullable: true, description: 'At least this many repositories.' })
  minRepositoryCount?: number | null;
}

@InputType({ description: 'How to sort languages.' })
export class LanguageOrder {
  @Field(() => LanguageOrderField)
  field!: LanguageOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'Default: ASC for NAME, DESC otherwise.' })
  direction?: OrderDirection | null;
}

@ArgsType()
export class LanguagesArgs extends PaginationArgs {
  @Field(() => LanguageFilter, { nullable: true })
  filter?: LanguageFilter | null;

  @Field(() => LanguageOrder, { nullable: true, description: 'Default: most repositories first.' })
  orderBy?: LanguageOrder | null;
}
