import { ArgsType, Field } from 'type-graphql';
import { PaginationArgs } from '../../../graphql/pagination.args.js';
import { RepositoryFilter, RepositoryOrder } from './repositories.input.js';

/** Every repository list: the catalog, a user's, a topic's or a language's repositories. */
@ArgsType()
export class RepositoriesArgs extends PaginationArgs {
  @Field(() => RepositoryFilter, { nullable: true })
  filter?: RepositoryFilter | null;

  @Field(() => RepositoryOrder, { nullable: true, description: 'Default: most starred first.' })
  orderBy?: RepositoryOrder | null;
}
