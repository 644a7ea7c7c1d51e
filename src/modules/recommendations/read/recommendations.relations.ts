// User.recommendations: a page of the user's published list (read/recommendation-pages.ts) as a connection.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { PageInfo } from '../../../graphql/connection.js';
import { encodeRankCursor } from '../../../lib/keyset/index.js';
import { Repository, User } from '../../catalog/index.js';
import {
  Recommendation,
  RecommendationComponents,
  RecommendationConnection,
  RecommendationFilter,
  SignalWeightsInput,
} from '../lists/recommendation.type.js';
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS } from './list-view.js';
import type { RecommendationPages } from './recommendation-pages.js';

/** Reading a stored list is cheap; the weight covers the repositories and reasons of its page. */
const RECOMMENDATIONS_WEIGHT = 2;

@Resolver(() => User)
export class UserRecommendationsResolver {
  constructor(private readonly pages: RecommendationPages) {}

  @FieldResolver(() => RecommendationConnection, {
    description:
      'Repositories recommended to this user from the published RECOMMEND run (top 50; repositories they already ' +
      'contribute to excluded), best first. Empty for users without a published list.',
    complexity: RECOMMENDATIONS_WEIGHT,
  })
  async recommendations(
    @Root() user: User,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RECOMMENDATIONS, description: `1 to ${MAX_RECOMMENDATIONS}.` })
    first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => RecommendationFilter, { nullable: true }) filter: RecommendationFilter | null,
    @Arg('weights', () => SignalWeightsInput, { nullable: true }) weights: SignalWeightsInput | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<RecommendationConnection> {
    const page = await this.pages.page(
      { userId: user.record.id, first, after, filter: filter && { ...filter }, weights: weights && { ...weights } },
      loaders,
    );
    const records = await loaders.repositoryById.loadMany(page.items.map((item) => item.repositoryId));
    const edges = page.items.flatMap((item, i) => {
      const record = records[i];
      if (!record || record instanceof Error) return []; // deleted since the page was cached
      const node = Object.assign(new Recommendation(), {
        repository: new Repository(record),
        score: item.score,
        rank: item.rank,
        components: Object.assign(new RecommendationComponents(), item.components),
        reasons: item.reasons,
      });
      return [{ cursor: encodeRankCursor(page.listKey, item.rank), node }];
    });
    return Object.assign(new RecommendationConnection(), {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      }),
      count: () => Promise.resolve(page.total),
    });
  }
}
