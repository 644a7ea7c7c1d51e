// Subscription.recommendationsUpdated(login): after each publish, an event for the user when their list in the
// new run was scored by it (a list copied unchanged from the previous run is not news).
import type { SqlDriver } from '../../../infra/db/database.js';
import type { AppPubSub, RecommendationsPublishedPayload } from '../../../infra/pubsub/index.js';

export interface RecommendationsUpdate {
  userId: number;
  login: string;
  runId: string;
  publishedAt: Date;
}

export async function* recommendationUpdates(
  deps: { sql: SqlDriver; pubsub: AppPubSub },
  user: { id: number; login: string },
): AsyncGenerator<RecommendationsUpdate> {
  const events = deps.pubsub.subscribe('recommendationsPublished', 'all');
  try {
    for await (const event of events as AsyncIterable<RecommendationsPublishedPayload>) {
      const [row] = await deps.sql.query<{ scored_in: string }>(
        'SELECT scored_in FROM recommendation_lists WHERE run_id = $1 AND user_id = $2',
        [event.runId, user.id],
      );
      if (row?.scored_in === event.runId)
        yield { userId: user.id, login: user.login, runId: event.runId, publishedAt: new Date(event.publishedAt) };
    }
  } finally {
    await events.return();
  }
}
