import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { Repository } from '../../catalog/index.js';
import { DEFAULT_SIMILAR, MAX_SIMILAR } from '../similar/similar.query.js';
import { SimilarRepositoriesFilter } from '../similar/similar.type.js';
import { MAX_QUERY_LENGTH, searchRequest } from './hybrid-search.query.js';
import type { HybridSearchService } from './hybrid-search.service.js';
import { RepositorySearchHit, RepositorySearchResults } from './hybrid-search.type.js';

/** Two retrievals (a ranked full-text scan and a vector index scan) and their fusion. */
const SEARCH_WEIGHT = 20;

@Resolver()
export class HybridSearchResolver {
  constructor(private readonly search: HybridSearchService) {}

  @Query(() => RepositorySearchResults, {
    description:
      'Repositories for a text query, found by keywords (full text, any word) and by meaning (the query embedded ' +
      `like the repositories), fused by reciprocal rank. query: 1 to ${MAX_QUERY_LENGTH} characters.`,
    complexity: SEARCH_WEIGHT,
  })
  async searchRepositories(
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { defaultValue: DEFAULT_SIMILAR, description: `1 to ${MAX_SIMILAR}.` }) first: number,
    @Arg('filter', () => SimilarRepositoriesFilter, { nullable: true }) filter: SimilarRepositoriesFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<RepositorySearchResults> {
    const hits = await this.search.search(searchRequest(query, first, filter));
    const records = await loaders.repositoryById.loadMany(hits.map((hit) => hit.id));
    return new RepositorySearchResults(
      hits.flatMap((hit, i) => {
        const record = records[i];
        return record && !(record instanceof Error)
          ? [new RepositorySearchHit(new Repository(record), hit.score, hit.matchedBy)]
          : [];
      }),
    );
  }
}
