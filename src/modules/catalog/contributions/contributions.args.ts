import { ArgsType, Field } from 'type-graphql';
import { PaginationArgs } from '../../../graphql/pagination.args.js';
import { ContributionKind } from './contributions.service.js';

/** A repository's contributors or a user's contributions: heaviest first, of one kind. */
@ArgsType()
export class ContributionsArgs extends PaginationArgs {
  @Field(() => ContributionKind, { defaultValue: ContributionKind.CONTRIBUTED })
  kind!: ContributionKind;
}
