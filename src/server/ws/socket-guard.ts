// Per-socket rules of graphql-ws, enforced at the transport: who the socket speaks for (the token in
// connectionParams at connection_init, checked once; the socket closes with 4403 when it expires), how many
// sockets one identity may hold open in this process, how fast a socket may send messages, and how many
// subscriptions it may run. Breaking a rule closes the socket with a code and a reason that says which.
import type { WebSocket } from 'ws';
import { identityKey, type Actor, type Authenticate } from '../../access/index.js';

export const CLOSE_FORBIDDEN = 4403;
/** Not in the protocol's list: "too many requests" mirrors HTTP 429 in the 4xxx range applications own. */
export const CLOSE_TOO_MANY = 4429;

export interface SocketLimits {
  maxMessagesPerSecond: number;
  maxSubscriptions: number;
  maxSocketsPerIdentity: number;
}

/** Close reasons are limited to 123 bytes by RFC 6455. */
const reason = (text: string): string => (Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 119)}…`);

export function closeWith(socket: WebSocket, code: number, text: string): void {
  if (socket.readyState === socket.OPEN) socket.close(code, reason(text));
}

const MAX_TIMER_MS = 2_147_483_647;

export class SocketGuard {
  private readonly socketsByIdentity = new Map<string, number>();

  constructor(
    private readonly limits: SocketLimits,
    private readonly authenticate: Authenticate,
  ) {}

  /** Counts messages on `socket`; closes it (4429) when it sends more than the limit within a second. */
  watchMessageRate(socket: WebSocket): void {
    let windowStart = Date.now();
    let count = 0;
    socket.on('message', () => {
      const now = Date.now();
      if (now - windowStart >= 1_000) {
        windowStart = now;
        count = 0;
      }
      if (++count > this.limits.maxMessagesPerSecond)
        closeWith(socket, CLOSE_TOO_MANY, `Too many messages: at most ${this.limits.maxMessagesPerSecond} a second`);
    });
  }

  /**
   * The socket's identity from connectionParams (`authorization: "Bearer …"` or `token`), or undefined after
   * closing it: a bad token (4403 with the reason) or one socket too many for this identity (4429).
   */
  async admit(
    socket: WebSocket,
    params: Readonly<Record<string, unknown>> | undefined,
    address: string,
  ): Promise<Actor | undefined> {
    let actor: Actor;
    try {
      actor = await this.authenticate({ authorization: authorizationOf(params), address });
    } catch (error) {
      closeWith(socket, CLOSE_FORBIDDEN, `Forbidden: ${(error as Error).message}`);
      return undefined;
    }
    const key = identityKey(actor);
    const open = this.socketsByIdentity.get(key) ?? 0;
    if (open >= this.limits.maxSocketsPerIdentity) {
      closeWith(socket, CLOSE_TOO_MANY, `Too many sockets: at most ${this.limits.maxSocketsPerIdentity} per identity`);
      return undefined;
    }
    this.socketsByIdentity.set(key, open + 1);
    const expiry = actor.kind === 'user' && actor.expiresAt ? actor.expiresAt.getTime() - Date.now() : undefined;
    const timer =
      expiry === undefined
        ? undefined
        : setTimeout(
            () => closeWith(socket, CLOSE_FORBIDDEN, 'Forbidden: token expired; reconnect with a new one'),
            Math.min(Math.max(0, expiry), MAX_TIMER_MS),
          );
    timer?.unref();
    socket.once('close', () => {
      if (timer) clearTimeout(timer);
      const left = (this.socketsByIdentity.get(key) ?? 1) - 1;
      if (left <= 0) this.socketsByIdentity.delete(key);
      else this.socketsByIdentity.set(key, left);
    });
    return actor;
  }

  get maxSubscriptions(): number {
    return this.limits.maxSubscriptions;
  }
}

/** Browsers cannot set headers on a WebSocket: the token travels in connectionParams. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  for (const key of ['authorization', 'Authorization']) if (typeof params[key] === 'string') return params[key];
  return typeof params['token'] === 'string' ? `Bearer ${params['token']}` : undefined;
}
