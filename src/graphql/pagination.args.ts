import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../lib/keyset/index.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** Relay connection arguments: `first`/`after` page forward, `last`/`before` page back (see lib/keyset). */
@ArgsType()
export class PaginationArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page forward: this many items, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor (`endCursor` of the previous page) to continue after.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page back: this many items before \`before\` (or the end), 1 to ${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor (`startCursor` of the next page) to continue before.' })
  before?: string | null;
}
