// One answer shared for a short while: a dashboard polling serverInfo, Prometheus scraping /metrics and the
// no-worker watch together cost the queue in Redis at most one read per `maxAgeMs`, however many ask.

export interface Reading<T> {
  value: T;
  readAt: Date;
}

export class CachedRead<T> {
  private last: Reading<T> | undefined;
  private inFlight: Promise<Reading<T>> | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last answer while it is younger than maxAgeMs; otherwise a fresh read, shared by concurrent callers. */
  get(): Promise<Reading<T>> {
    const last = this.last;
    if (last && this.now() - last.readAt.getTime() < this.maxAgeMs) return Promise.resolve(last);
    // A failed read is not kept: the next caller tries again.
    this.inFlight ??= this.read()
      .then((value) => (this.last = { value, readAt: new Date(this.now()) }))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
