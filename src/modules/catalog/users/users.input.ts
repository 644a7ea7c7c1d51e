// GraphQL inputs of user lists: `filter` and `orderBy` (checked in users.filter.ts / users.ordering.ts).
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../../graphql/order-direction.js';
import { PaginationArgs } from '../../../graphql/pagination.args.js';
import { UserOrderField } from './users.ordering.js';
import { UserType } from './users.type.js';

registerEnumType(UserOrderField, {
  name: 'UserOrderField',
  description: 'What users are sorted by (ties: by id).',
  valuesConfig: {
    FOLLOWERS: { description: 'Followers (default, most first); unknown counts last.' },
    PUBLIC_REPOS: { description: 'Public repositories; unknown counts last.' },
    CREATED_AT: { description: 'Account creation; unknown dates last.' },
    LOGIN: { description: 'Login, case-insensitive (A first by default).' },
    RELEVANCE: { description: 'How well `filter.text` matches (login and name first); needs it.' },
  },
});

@InputType({ description: 'Conditions a user must meet, all of them.' })
export class UserFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Keywords: each word must begin a word of the login, name, company, location or bio.',
  })
  text?: string | null;

  @Field(() => UserType, { nullable: true })
  type?: UserType | null;

  @Field(() => Int, { nullable: true })
  minFollowers?: number | null;

  @Field(() => Int, { nullable: true })
  maxFollowers?: number | null;
}

@InputType({ description: 'How to sort users.' })
export class UserOrder {
  @Field(() => UserOrderField)
  field!: UserOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'Default: ASC for LOGIN, DESC otherwise.' })
  direction?: OrderDirection | null;
}

@ArgsType()
export class UsersArgs extends PaginationArgs {
  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter | null;

  @Field(() => UserOrder, { nullable: true, description: 'Default: most followed first.' })
  orderBy?: UserOrder | null;
}
