// Which RECOMMEND run is published, as this process knows it: what cache keys of recommendations, similar and
// search carry, so a new publish makes every earlier answer unreachable (in every process: each hears the
// publish event). Read from the database at most once per `maxAgeMs` as well, for a process that missed the event.
import type { AppPubSub, RecommendationsPublishedPayload } from '../../../infra/pubsub/index.js';

const DEFAULT_MAX_AGE_MS = 5_000;

/** What a publication says: its run, and the encoder its vectors were made with (queries must use it too). */
export interface PublishedState {
  runId: string;
  encoder: string;
}

export class PublishedRun {
  /** `encoder` undefined: known from an event, which names the run only. */
  private known: { runId: string | null; encoder: string | null | undefined; at: number } | null = null;
  private reading: Promise<PublishedState | null> | null = null;

  constructor(
    private readonly read: () => Promise<PublishedState | null>,
    private readonly maxAgeMs = DEFAULT_MAX_AGE_MS,
  ) {}

  /** The published run's id (null before the first publish). */
  async current(): Promise<string | null> {
    if (this.known && Date.now() - this.known.at < this.maxAgeMs) return this.known.runId;
    return (await this.readAgain())?.runId ?? null;
  }

  /** The encoder of the published vectors (null before the first publish); read with the run, in one statement. */
  async encoder(): Promise<string | null> {
    const known = this.known;
    if (known && known.encoder !== undefined && Date.now() - known.at < this.maxAgeMs) return known.encoder;
    return (await this.readAgain())?.encoder ?? null;
  }

  private readAgain(): Promise<PublishedState | null> {
    this.reading ??= this.read()
      .then((state) => {
        this.known = { runId: state?.runId ?? null, encoder: state?.encoder ?? null, at: Date.now() };
        return state;
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }

  /** What this process just published (other processes hear of it through the event). */
  publishedHere(state: PublishedState): void {
    this.known = { ...state, at: Date.now() };
  }

  /** Follows publish events until the returned function is called. */
  follow(pubsub: AppPubSub): () => Promise<void> {
    const events = pubsub.subscribe('recommendationsPublished', 'all');
    void (async () => {
      for await (const event of events as AsyncIterable<RecommendationsPublishedPayload>)
        this.known = { runId: event.runId, encoder: undefined, at: Date.now() };
    })().catch(() => undefined);
    return async () => void (await events.return());
  }
}
