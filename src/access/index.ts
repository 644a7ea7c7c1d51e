// The access layer as the composition root builds it from config: who is asking (authenticate), and what an
// operation may cost and how often (admission). Authorization itself is the policy table (policy.ts), which
// services consult directly.
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import type { Logger } from '../logger.js';
import { AccountDirectory } from './accounts.js';
import type { AdmissionPolicy } from './admission.js';
import { createAuthenticate, type Authenticate } from './authenticate.js';
import { RequestRateLimiter } from './rate-limiter.js';
import { loadSigningSecret } from './signing-secret.js';
import { createTokenVerifier } from './token-verifier.js';

export * from './actor.js';
export { actionGuarding, authorize, isAllowed, POLICY, type Action, type Rule } from './policy.js';
export { admitCost, assessCost, type AdmissionPolicy, type OperationToAdmit } from './admission.js';
export type { CostVerdict } from './cost-limits.js';
export type { Authenticate, Credentials } from './authenticate.js';
export { rateLimitHeaders, type RateLimitState } from './rate-limiter.js';

export interface AccessControl extends AdmissionPolicy {
  authenticate: Authenticate;
  trustProxy: boolean;
}

export interface AccessDeps {
  db: Database;
  redis: Redis | null;
  logger: Logger;
}

export async function createAccess(config: Config, deps: AccessDeps): Promise<AccessControl> {
  // A JWKS alone means tokens come from an identity provider: no local secret is made.
  const signing =
    config.JWT_SECRET || !config.JWT_JWKS_URL
      ? await loadSigningSecret({ jwtSecret: config.JWT_SECRET, dataDir: config.DATA_DIR })
      : undefined;
  if (signing && signing.source !== 'JWT_SECRET' && config.database.kind === 'postgres') {
    deps.logger.warn(
      { secretFile: signing.source },
      "tokens are signed with this host's secret file: API processes on other hosts will refuse them; set JWT_SECRET " +
        '(or JWT_JWKS_URL) on every process',
    );
  }
  if (signing?.created) {
    deps.logger.info(
      { secretFile: signing.source },
      'made a token-signing secret (mode 0600); get a token with: npm run token -- --login <you> --role ADMIN',
    );
  }
  const verify = createTokenVerifier({
    secret: signing?.secret,
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_S,
  });
  return {
    authenticate: createAuthenticate(verify, new AccountDirectory(deps.db.sql)),
    trustProxy: config.TRUST_PROXY === 'on',
    costLimits: {
      ANONYMOUS: config.COST_LIMIT_ANONYMOUS,
      VIEWER: config.COST_LIMIT_VIEWER,
      MEMBER: config.COST_LIMIT_MEMBER,
      ADMIN: config.COST_LIMIT_ADMIN,
    },
    rateLimiter:
      config.RATE_LIMIT === 'off'
        ? undefined
        : new RequestRateLimiter({
            windowSeconds: config.RATE_LIMIT_WINDOW_S,
            anonymousPoints: config.RATE_LIMIT_POINTS_ANONYMOUS,
            userPoints: config.RATE_LIMIT_POINTS,
            redis: deps.redis,
            keyPrefix: config.QUEUE_PREFIX,
          }),
  };
}
