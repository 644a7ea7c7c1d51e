// Repository.similar: nearest neighbours through the HNSW index, filtered inside the scan (similar.query.ts).
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../graphql/context.js';
import { Repository } from '../../catalog/index.js';
import { DEFAULT_SIMILAR, MAX_SIMILAR, similarRequest } from './similar.query.js';
import { SimilarRepositoriesFilter, SimilarRepositoryConnection, SimilarRepositoryEdge } from './similar.type.js';

/** One approximate nearest-neighbour scan per repository asked about. */
const SIMILAR_WEIGHT = 5;

@Resolver(() => Repository)
export class SimilarRepositoriesResolver {
  @FieldResolver(() => SimilarRepositoryConnection, {
    description:
      'Repositories whose embeddings are nearest to this one (none until it is embedded), most similar first.',
    complexity: SIMILAR_WEIGHT,
  })
  async similar(
    @Root() repository: Repository,
    @Arg('first', () => Int, { defaultValue: DEFAULT_SIMILAR, description: `1 to ${MAX_SIMILAR}.` }) first: number,
    @Arg('filter', () => SimilarRepositoriesFilter, { nullable: true }) filter: SimilarRepositoriesFilter | null,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<SimilarRepositoryConnection> {
    const hits = await loaders.similarRepositories(similarRequest(first, filter)).load(repository.record.id);
    const records = await loaders.repositoryById.loadMany(hits.map((hit) => hit.id));
    const edges = hits.flatMap((hit, i) => {
      const record = records[i];
      return record && !(record instanceof Error)
        ? [new SimilarRepositoryEdge(new Repository(record), hit.similarity)]
        : [];
    });
    return new SimilarRepositoryConnection(edges);
  }
}
