// Graceful drain of the HTTP server: stop accepting connections, let in-flight requests finish, and close each
// keep-alive socket as soon as it has nothing left to do, so the process is not held open by idle clients.
import type http from 'node:http';

export class HttpDrain {
  private readonly inFlight = new Set<http.ServerResponse>();
  private draining = false;

  constructor(private readonly server: http.Server) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** Call for every response as its request arrives. */
  track(res: http.ServerResponse): void {
    this.inFlight.add(res);
    // A request that slips in on a kept-alive socket during the drain is served, and that socket then closed.
    if (this.draining) res.setHeader('connection', 'close');
    const done = (): void => {
      if (!this.inFlight.delete(res)) return;
      // Responses already under way when the drain began may have promised keep-alive: close once idle.
      if (this.draining) setImmediate(() => this.server.closeIdleConnections());
    };
    res.once('finish', done);
    res.once('close', done);
  }

  /** Resolves when the server has closed: every in-flight request answered and every socket gone. */
  drain(): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    this.server.closeIdleConnections();
    return closed;
  }

  /** The drain took too long: cut whatever is still open. */
  cut(): number {
    const count = this.inFlight.size;
    this.server.closeAllConnections();
    return count;
  }
}
