// One place turns a request's credentials into an Actor, for HTTP requests and graphql-ws connections alike.
import { LRUCache } from 'lru-cache';
import type { Actor } from './actor.js';
import { anonymous } from './actor.js';
import type { AccountDirectory } from './accounts.js';
import { bearerToken, type TokenVerifier } from './token-verifier.js';

export interface Credentials {
  /** The Authorization header (HTTP) or connectionParams' `authorization`/`token` (graphql-ws). */
  authorization: string | undefined;
  /** The client's address, what anonymous callers are counted by. */
  address: string;
}

export type Authenticate = (credentials: Credentials) => Promise<Actor>;

/** Verified tokens are remembered this long at most (and never past their own expiry). */
const VERIFIED_TTL_MS = 60_000;

export function createAuthenticate(verify: TokenVerifier, accounts: AccountDirectory | undefined): Authenticate {
  // A client sends the same token with every request: verifying its signature once a minute instead of on every
  // request took a tenth of a catalog read's throughput (docs/benchmarks.md, access layers). Only successes are
  // kept, by the exact token string; each entry lives until the token's own exp at the latest.
  const verified = new LRUCache<string, Actor>({ max: 10_000, ttl: VERIFIED_TTL_MS });
  return async ({ authorization, address }) => {
    const token = bearerToken(authorization);
    if (token === undefined) return anonymous(address);
    const cached = verified.get(token);
    if (cached) return cached;
    const actor = await verify(token);
    if (actor.kind === 'user' && accounts) await accounts.ensure(actor.login);
    const lifetime = actor.kind === 'user' && actor.expiresAt ? actor.expiresAt.getTime() - Date.now() : 0;
    if (lifetime > 0) verified.set(token, actor, { ttl: Math.min(VERIFIED_TTL_MS, lifetime) });
    return actor;
  };
}
