import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from '../errors.js';
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

/** Forward-only lists (pipeline runs: newest first, read as a feed). */
@ArgsType()
export class ForwardPaginationArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor (`endCursor` of the previous page) to continue after.' })
  after?: string | null;
}

/** The page size asked for, checked against the cap with a message that says what to send instead. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(
      `"first" must be between 1 and ${MAX_PAGE_SIZE}; got ${first}. Page through larger lists with "after".`,
      { argument: 'first', max: MAX_PAGE_SIZE },
    );
  }
  return first;
}
