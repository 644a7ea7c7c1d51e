// Graceful drain of the HTTP server: stop accepting connections, let in-flight requests finish, and end each
// keep-alive socket as soon as it has nothing left to do, so the process is not held open by idle clients.
//
// Sockets are ended (FIN after whatever is still buffered), never destroyed: a response counts as finished once
// Node has taken all of it, which for a large body to a slow reader is long before the client has it; Node's
// closeIdleConnections() destroys such a socket and cut the body off mid-way, and http.Server.close() calls it
// (Node 19+), so listening stops through net.Server's close instead. Only the deadline (cut) destroys.
import type http from 'node:http';
import net, { type Socket } from 'node:net';

export class HttpDrain {
  private readonly inFlight = new Set<http.ServerResponse>();
  /** Responses not yet finished, per socket (a keep-alive socket carries one at a time; pipelining more). */
  private readonly activeOn = new Map<Socket, number>();
  private readonly sockets = new Set<Socket>();
  private draining = false;

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.activeOn.delete(socket);
      });
    });
    // An upgraded socket belongs to the WebSocket server, which closes it with its own handshake (1001).
    server.on('upgrade', (_req: http.IncomingMessage, socket: Socket) => this.sockets.delete(socket));
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Call for every response as its request arrives. */
  track(res: http.ServerResponse): void {
    this.inFlight.add(res);
    const socket = res.socket;
    if (socket) this.activeOn.set(socket, (this.activeOn.get(socket) ?? 0) + 1);
    // A request that slips in on a kept-alive socket during the drain is served, and that socket then closed.
    if (this.draining) res.setHeader('connection', 'close');
    const done = (): void => {
      if (!this.inFlight.delete(res)) return;
      if (!socket) return;
      const left = (this.activeOn.get(socket) ?? 1) - 1;
      this.activeOn.set(socket, left);
      // Responses already under way when the drain began may have promised keep-alive: end the socket once idle.
      if (this.draining && left <= 0) endGracefully(socket);
    };
    res.once('finish', done);
    res.once('close', done);
  }

  /** Resolves when the server has closed: every in-flight request answered and every socket gone. */
  drain(): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    for (const socket of this.sockets) if ((this.activeOn.get(socket) ?? 0) <= 0) endGracefully(socket);
    return closed;
  }

  /** The drain took too long: cut whatever is still open. */
  cut(): number {
    const count = this.inFlight.size;
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    return count;
  }
}

/** FIN once everything written is flushed; the socket closes when the client closes its side. */
function endGracefully(socket: Socket): void {
  if (!socket.destroyed && !socket.writableEnded) socket.end();
}
