// Which RECOMMEND run is published, as this process knows it: what cache keys of recommendations, similar and
// search carry, so a new publish makes every earlier answer unreachable (in every process: each hears the
// publish event). Read from the database at most once per `maxAgeMs` as well, for a process that missed the event.
import type { AppPubSub, RecommendationsPublishedPayload } from '../../../infra/pubsub/index.js';

const DEFAULT_MAX_AGE_MS = 5_000;

export class PublishedRun {
  private known: { runId: string | null; at: number } | null = null;
  private reading: Promise<string | null> | null = null;

  constructor(
    private readonly read: () => Promise<string | null>,
    private readonly maxAgeMs = DEFAULT_MAX_AGE_MS,
  ) {}

  /** The published run's id (null before the first publish). */
  async current(): Promise<string | null> {
    if (this.known && Date.now() - this.known.at < this.maxAgeMs) return this.known.runId;
    this.reading ??= this.read()
      .then((runId) => {
        this.known = { runId, at: Date.now() };
        return runId;
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }

  /** What this process just published (other processes hear of it through the event). */
  publishedHere(runId: string): void {
    this.known = { runId, at: Date.now() };
  }

  /** Follows publish events until the returned function is called. */
  follow(pubsub: AppPubSub): () => Promise<void> {
    const events = pubsub.subscribe('recommendationsPublished', 'all');
    void (async () => {
      for await (const event of events as AsyncIterable<RecommendationsPublishedPayload>)
        this.known = { runId: event.runId, at: Date.now() };
    })().catch(() => undefined);
    return async () => void (await events.return());
  }
}
