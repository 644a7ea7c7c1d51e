// A page of a user's recommendations as plain data (what the answer cache holds): the published list re-ranked by
// the request's weights when given, narrowed by its filter, paged, each item with its reasons. Cached by the
// published run, the user and the arguments; a miss reads the list, the user's profile, the repositories and their
// owners through the request's loaders, so a page of users costs the same few statements as one.
import type DataLoader from 'dataloader';
import { decodeRankCursor } from '../../../lib/keyset/index.js';
import type { RepositoryRecord, UserRecord } from '../../catalog/index.js';
import type { PublishedList } from '../lists/list-store.js';
import { requestDigest, type AnswerCache } from './answer-cache.js';
import { checkFirst, filters, rankList, requestWeights, type Components, type ListFilter } from './list-view.js';
import type { PublishedRun } from './published-run.js';
import type { ReaderProfile } from './recommendation-reader.js';
import { reasonsFor } from './reasons.js';

export interface PageLoaders {
  recommendationList: DataLoader<number, PublishedList | null>;
  recommendationProfile: DataLoader<number, ReaderProfile | null>;
  repositoryById: DataLoader<number, RepositoryRecord | null>;
  userById: DataLoader<number, UserRecord | null>;
}

export interface PageRequest {
  userId: number;
  first: number;
  after: string | null;
  filter: ListFilter | null;
  weights: Partial<Record<keyof Components, number | null>> | null;
}

export interface PageItem {
  repositoryId: number;
  score: number;
  rank: number;
  components: Components;
  reasons: string[];
}

export interface RecommendationPage {
  /** Cursors of this page's items are made for this list (run, user, filter, weights). */
  listKey: string;
  total: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  items: PageItem[];
}

export class RecommendationPages {
  constructor(
    private readonly published: PublishedRun,
    private readonly answers: AnswerCache | null,
  ) {}

  async page(request: PageRequest, loaders: PageLoaders): Promise<RecommendationPage> {
    const first = checkFirst(request.first);
    const weights = requestWeights(request.weights);
    const runId = (await this.published.current()) ?? 'none';
    const listKey = `${runId}:${request.userId}:${requestDigest({ filter: request.filter, weights })}`;
    const afterRank = request.after ? decodeRankCursor(request.after, listKey) : 0;
    const compute = () => this.compute(request, { listKey, first, afterRank, weights }, loaders);
    return this.answers
      ? this.answers.getOrCompute('recommendations', `${listKey}:${afterRank}:${first}`, compute)
      : compute();
  }

  private async compute(
    request: PageRequest,
    page: { listKey: string; first: number; afterRank: number; weights: ReturnType<typeof requestWeights> },
    loaders: PageLoaders,
  ): Promise<RecommendationPage> {
    const { first, afterRank, weights } = page;
    const list = await loaders.recommendationList.load(request.userId);
    if (!list) return { listKey: page.listKey, total: 0, hasNextPage: false, hasPreviousPage: false, items: [] };
    const preface = list.fromProfile ? [NO_CONTRIBUTIONS] : [];

    // With a filter or weights every stored item's repository is needed before paging; otherwise only the page's.
    const needed =
      filters(request.filter) || weights ? list.repositoryIds : list.repositoryIds.slice(afterRank, afterRank + first);
    const viaIds = list.viaRepositoryIds.filter((id) => id > 0);
    const [records, profile] = await Promise.all([
      loaders.repositoryById.loadMany([...new Set([...needed, ...viaIds])]),
      loaders.recommendationProfile.load(request.userId),
    ]);
    const byId = new Map<number, RepositoryRecord>();
    for (const record of records) if (record && !(record instanceof Error)) byId.set(record.id, record);

    const ranked = rankList(list, weights, request.filter, (id) => byId.get(id));
    const items = ranked.slice(afterRank, afterRank + first).filter((item) => byId.has(item.repositoryId));
    const owners = await loaders.userById.loadMany(items.map((item) => byId.get(item.repositoryId)!.ownerId));
    const weightsUsed = weights ?? list.weights;
    return {
      listKey: page.listKey,
      total: ranked.length,
      hasNextPage: afterRank + first < ranked.length,
      hasPreviousPage: afterRank > 0,
      items: items.map((item, i) => {
        const repository = byId.get(item.repositoryId)!;
        const owner = owners[i];
        const via = item.viaRepositoryId ? byId.get(item.viaRepositoryId) : undefined;
        return {
          repositoryId: item.repositoryId,
          score: item.score,
          rank: item.rank,
          components: item.components,
          reasons: [
            ...preface,
            ...reasonsFor({
              components: item.components,
              weights: weightsUsed,
              via: via ? { fullName: via.fullName, shared: item.sharedContributors } : null,
              ownerLogin: owner && !(owner instanceof Error) ? owner.login : null,
              sharedTopics: repository.topics.filter((topic) => profile?.topics.has(topic)),
              sharedLanguage:
                repository.language && profile?.languages.has(repository.language) ? repository.language : null,
              stars: repository.stars,
              pushedAt: repository.pushedAt,
              ...(list.fromProfile ? { semanticBasis: 'your profile' } : {}),
            }),
          ],
        };
      }),
    };
  }
}

const NO_CONTRIBUTIONS = 'no contributions yet: suggested from your profile and what is popular';
