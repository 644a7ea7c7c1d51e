// Tokens and access control for tests: one known HS256 secret (the test apps and servers verify with it), tokens
// for any login and role, and the access layer as a test server gets it.
import type { Role } from '../../src/access/actor.js';
import { createAuthenticate } from '../../src/access/authenticate.js';
import type { AccessControl } from '../../src/access/index.js';
import { RequestRateLimiter } from '../../src/access/rate-limiter.js';
import { signToken } from '../../src/access/token-issuer.js';
import { createTokenVerifier } from '../../src/access/token-verifier.js';

export const TEST_JWT_SECRET = 'test-secret-for-ost-graph-tests-only-0123456789';
export const TEST_ISSUER = 'ost-graph';
export const TEST_AUDIENCE = 'ost-graph';

export interface TokenOptions {
  ttlSeconds?: number;
  secret?: string;
  issuer?: string;
  audience?: string;
}

export function tokenFor(login: string, role: Role, options: TokenOptions = {}): Promise<string> {
  return signToken({
    login,
    role,
    ttlSeconds: options.ttlSeconds ?? 3_600,
    issuer: options.issuer ?? TEST_ISSUER,
    audience: options.audience ?? TEST_AUDIENCE,
    secret: options.secret ?? TEST_JWT_SECRET,
  });
}

/** `{ authorization: 'Bearer …' }` for `login` with `role`. */
export async function bearer(login: string, role: Role, options?: TokenOptions): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(login, role, options)}` };
}

export interface TestAccessOptions {
  costLimits?: Partial<AccessControl['costLimits']>;
  /** Points per window (anonymous and users alike); undefined: no rate limiting. */
  ratePoints?: number;
  windowSeconds?: number;
}

/** The access layer over TEST_JWT_SECRET, without accounts (test servers have no database). */
export function testAccess(options: TestAccessOptions = {}): AccessControl {
  const verify = createTokenVerifier({
    secret: TEST_JWT_SECRET,
    jwksUrl: undefined,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    clockToleranceSeconds: 5,
  });
  return {
    authenticate: createAuthenticate(verify, undefined),
    trustProxy: false,
    costLimits: { ANONYMOUS: 10_000, VIEWER: 25_000, MEMBER: 50_000, ADMIN: 100_000, ...options.costLimits },
    rateLimiter:
      options.ratePoints === undefined
        ? undefined
        : new RequestRateLimiter({
            windowSeconds: options.windowSeconds ?? 60,
            anonymousPoints: options.ratePoints,
            userPoints: options.ratePoints,
            redis: null,
            keyPrefix: 'test',
          }),
  };
}
