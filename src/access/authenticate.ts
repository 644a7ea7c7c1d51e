// One place turns a request's credentials into an Actor, for HTTP requests and graphql-ws connections alike.
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

export function createAuthenticate(verify: TokenVerifier, accounts: AccountDirectory | undefined): Authenticate {
  return async ({ authorization, address }) => {
    const token = bearerToken(authorization);
    if (token === undefined) return anonymous(address);
    const actor = await verify(token);
    if (actor.kind === 'user' && accounts) await accounts.ensure(actor.login);
    return actor;
  };
}
