// Profile recommendations, cached by the request and the published run like every answer of this module.
import { answerKey, type AnswerCache } from '../read/answer-cache.js';
import type { Weights } from '../signals/signal-set.js';
import type { ProfileItem, ProfileRecommender } from './profile-recommender.js';
import type { ProfileRequest } from './profile-request.js';

export class ProfileService {
  constructor(
    private readonly recommender: ProfileRecommender,
    private readonly answers: AnswerCache | null,
  ) {}

  async recommend(request: ProfileRequest): Promise<{ items: ProfileItem[]; weights: Weights }> {
    if (!this.answers) return this.recommender.recommend(request);
    const key = answerKey(await this.answers.generation(), request);
    const cached = await this.answers.getOrCompute('profile', key, () => this.recommender.recommend(request));
    // Dates come back from the cache as strings.
    return {
      ...cached,
      items: cached.items.map((item) => ({ ...item, pushedAt: item.pushedAt ? new Date(item.pushedAt) : null })),
    };
  }
}
