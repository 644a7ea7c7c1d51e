import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Viewer } from './viewer.type.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who the API takes the caller to be (check a token with it).' })
  viewer(@Ctx() { viewer }: GraphQLContext): Viewer {
    const user = viewer.kind === 'user' ? viewer : undefined;
    return Object.assign(new Viewer(), {
      authenticated: user !== undefined,
      login: user?.login ?? null,
      role: user?.role ?? null,
      expiresAt: user?.expiresAt ?? null,
    });
  }
}
