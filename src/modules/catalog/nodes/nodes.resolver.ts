// Relay object identification: `node(id:)` and `nodes(ids:)` for every type implementing Node (Repository, User,
// Topic, Language). A malformed id, or one of a type this API never issues, is BAD_USER_INPUT; a well-formed id
// whose object does not exist (any more) is null, the Relay convention, so a client can tell "you sent garbage"
// from "it was deleted". Pipeline runs keep their UUID ids (clients already pass them to pipelineRunUpdated) and
// are fetched with pipelineRun(id:).
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../errors.js';
import type { GraphQLContext } from '../../../graphql/context.js';
import { Node } from '../../../graphql/node.js';
import { nodeFetcher } from './node-fetchers.js';

export const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'The object with this global id; null when it does not exist.' })
  node(@Arg('id', () => ID) id: string, @Ctx() { loaders }: GraphQLContext): Promise<Node | null> {
    return nodeFetcher(id, 'id')(loaders);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `The objects with these global ids (at most ${MAX_NODES}), in the same order; null where one does not exist.`,
  })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() { loaders }: GraphQLContext): Promise<Array<Node | null>> {
    if (ids.length > MAX_NODES) {
      throw badInput(`"ids" may hold at most ${MAX_NODES} ids; got ${ids.length}`, { argument: 'ids' });
    }
    // Every id is checked before anything is fetched: one bad id fails the field, with nothing half-read.
    const fetchers = ids.map((id, i) => nodeFetcher(id, `ids[${i}]`));
    return Promise.all(fetchers.map((fetch) => fetch(loaders)));
  }
}
