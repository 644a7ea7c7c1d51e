// User.recommendations: the user's list in the published run, re-ranked by `weights` when given, narrowed by
// `filter`, paged, with reasons. Every relation it reads goes through the request's loaders, so a page of users
// costs the same few statements as one user.
import { createHash } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { PageInfo } from '../../../graphql/connection.js';
import { decodeRankCursor, encodeRankCursor } from '../../../lib/keyset/index.js';
import { Repository, User, type RepositoryRecord } from '../../catalog/index.js';
import {
  Recommendation,
  RecommendationComponents,
  RecommendationConnection,
  RecommendationFilter,
  SignalWeightsInput,
} from '../lists/recommendation.type.js';
import {
  checkFirst,
  DEFAULT_RECOMMENDATIONS,
  filters,
  MAX_RECOMMENDATIONS,
  rankList,
  requestWeights,
  type RankedItem,
} from './list-view.js';
import { reasonsFor } from './reasons.js';

/** Reading a stored list is cheap; the weight covers the repositories and reasons of its page. */
const RECOMMENDATIONS_WEIGHT = 2;

@Resolver(() => User)
export class UserRecommendationsResolver {
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
    checkFirst(first);
    const override = requestWeights(weights);
    const list = await loaders.recommendationList.load(user.record.id);
    if (!list) return connection([], 0, false, false, () => '');
    const listKey = `${list.runId}:${user.record.id}:${digest({ filter, override })}`;
    const afterRank = after ? decodeRankCursor(after, listKey) : 0;

    // With a filter every stored item's repository is needed before paging; without one only the page's.
    const needed = filters(filter) ? list.repositoryIds : pageIds(list.repositoryIds, override, afterRank, first);
    const viaIds = list.viaRepositoryIds.filter((id) => id > 0);
    const [records, profile] = await Promise.all([
      loaders.repositoryById.loadMany([...new Set([...needed, ...viaIds])]),
      loaders.recommendationProfile.load(user.record.id),
    ]);
    const byId = new Map<number, RepositoryRecord>();
    for (const record of records) if (record && !(record instanceof Error)) byId.set(record.id, record);

    const ranked = rankList(list, override, filter, (id) => byId.get(id));
    const page = ranked.slice(afterRank, afterRank + first).filter((item) => byId.has(item.repositoryId));
    const owners = await loaders.userById.loadMany(page.map((item) => byId.get(item.repositoryId)!.ownerId));
    const weightsUsed = override ?? list.weights;
    const nodes = page.map((item, i) => {
      const repository = byId.get(item.repositoryId)!;
      const owner = owners[i];
      const via = item.viaRepositoryId ? byId.get(item.viaRepositoryId) : undefined;
      return node(item, repository, {
        components: item.components,
        weights: weightsUsed,
        via: via ? { fullName: via.fullName, shared: item.sharedContributors } : null,
        ownerLogin: owner && !(owner instanceof Error) ? owner.login : null,
        sharedTopics: repository.topics.filter((topic) => profile?.topics.has(topic)),
        sharedLanguage: repository.language && profile?.languages.has(repository.language) ? repository.language : null,
        stars: repository.stars,
        pushedAt: repository.pushedAt,
      });
    });
    return connection(nodes, ranked.length, afterRank + first < ranked.length, afterRank > 0, (rank) =>
      encodeRankCursor(listKey, rank),
    );
  }
}

/** Without a filter, the page's repositories are known before the repositories are read. */
function pageIds(ids: readonly number[], override: unknown, afterRank: number, first: number): readonly number[] {
  return override ? ids : ids.slice(afterRank, afterRank + first);
}

function node(item: RankedItem, repository: RepositoryRecord, facts: Parameters<typeof reasonsFor>[0]) {
  return Object.assign(new Recommendation(), {
    repository: new Repository(repository),
    score: item.score,
    rank: item.rank,
    components: Object.assign(new RecommendationComponents(), item.components),
    reasons: reasonsFor(facts),
  });
}

function connection(
  nodes: Recommendation[],
  total: number,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  cursor: (rank: number) => string,
): RecommendationConnection {
  const edges = nodes.map((n) => ({ cursor: cursor(n.rank), node: n }));
  return Object.assign(new RecommendationConnection(), {
    edges,
    nodes,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
    count: () => Promise.resolve(total),
  });
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
