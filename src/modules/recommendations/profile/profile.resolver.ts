// Query.recommendationsForProfile: recommendations for a visitor from what they say they like.
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { Repository } from '../../catalog/index.js';
import { Recommendation, RecommendationComponents } from '../lists/recommendation.type.js';
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS } from '../read/list-view.js';
import { reasonsFor } from '../read/reasons.js';
import {
  MAX_LIKED_REPOSITORIES,
  MAX_PROFILE_LANGUAGES,
  MAX_PROFILE_TOPICS,
  profileRequest,
} from './profile-request.js';
import type { ProfileService } from './profile.service.js';

/** Six candidate retrievals (one of them a vector index scan) and their scoring. */
const PROFILE_WEIGHT = 20;

@ObjectType({ description: 'Recommendations for a profile rather than a user of the catalog.' })
export class ProfileRecommendations {
  @Field(() => [Recommendation], { description: 'Best first.' })
  nodes!: Recommendation[];
}

@Resolver()
export class ProfileRecommendationsResolver {
  constructor(private readonly profiles: ProfileService) {}

  @Query(() => ProfileRecommendations, {
    description:
      'Repositories for a visitor without an account, from the languages, topics and text they give and the ' +
      'repositories they like (co-contribution, owners, topics, language, embeddings, stars, freshness), ranked ' +
      'by the published ranker. With nothing given: the most starred and recently active.',
    complexity: PROFILE_WEIGHT,
  })
  async recommendationsForProfile(
    @Arg('languages', () => [String], { nullable: true, description: `Up to ${MAX_PROFILE_LANGUAGES}.` })
    languages: string[] | null,
    @Arg('topics', () => [String], { nullable: true, description: `Up to ${MAX_PROFILE_TOPICS}.` })
    topics: string[] | null,
    @Arg('text', () => String, { nullable: true, description: 'About them or what they look for.' })
    text: string | null,
    @Arg('likedRepositories', () => [String], {
      nullable: true,
      description: `Full names (owner/name), up to ${MAX_LIKED_REPOSITORIES}; each must be in the catalog.`,
    })
    likedRepositories: string[] | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_RECOMMENDATIONS, description: `1 to ${MAX_RECOMMENDATIONS}.` })
    first: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ProfileRecommendations> {
    const { items, weights } = await this.profiles.recommend(
      profileRequest({ languages, topics, text, likedRepositories, first }),
    );
    const [records, owners] = await Promise.all([
      loaders.repositoryById.loadMany(items.map((item) => item.repositoryId)),
      loaders.userById.loadMany(items.map((item) => item.ownerId)),
    ]);
    const nodes = items.flatMap((item, i) => {
      const record = records[i];
      if (!record || record instanceof Error) return [];
      const owner = owners[i];
      return [
        Object.assign(new Recommendation(), {
          repository: new Repository(record),
          score: item.score,
          rank: item.rank,
          components: Object.assign(new RecommendationComponents(), item.components),
          reasons: reasonsFor({
            ...item,
            weights,
            ownerLogin: owner && !(owner instanceof Error) ? owner.login : null,
          }),
        }),
      ];
    });
    return Object.assign(new ProfileRecommendations(), { nodes });
  }
}
