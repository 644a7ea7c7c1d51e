// Bearer token → Actor, with jose. HS256 tokens verify against the deployment's secret; RS256/ES256 tokens against
// the identity provider's keys at JWT_JWKS_URL (jose caches them and fetches again when a token names an unknown
// `kid`: key rotation needs no restart). Issuer, audience, expiry and not-before are checked with a small clock
// tolerance. Every refusal is UNAUTHENTICATED with a message saying which check failed, never a 500.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode } from '../errors.js';
import { LOGIN } from '../lib/github-names.js';
import { isRole, ROLES, userActor, type Actor } from './actor.js';

export interface VerifierOptions {
  /** HS256 secret (JWT_SECRET or the embedded secret file); undefined when only a JWKS is trusted. */
  secret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** Shortest time between two JWKS fetches (a token with an unknown kid fetches again after it; default 30 s). */
  jwksCooldownMs?: number;
}

const unauthenticated = (message: string): AppError => new AppError(ErrorCode.UNAUTHENTICATED, message);
const ASYMMETRIC = ['RS256', 'ES256'];

/** The token of an `Authorization: Bearer …` header; undefined without one. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header: send "Bearer <token>" (a JWT, e.g. from npm run token)');
  return match[1];
}

function explain(error: unknown, options: VerifierOptions): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) return unauthenticated(`token expired: get a new one (${error.message})`);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const expected: Record<string, string> = {
      iss: `token issuer is not "${options.issuer}" (JWT_ISSUER)`,
      aud: `token audience is not "${options.audience}" (JWT_AUDIENCE)`,
      nbf: 'token is not valid yet (nbf is in the future)',
      iat: 'token issue time (iat) is invalid',
      sub: 'token has no subject (sub): it must name a user login',
      exp: 'token has no expiry (exp): tokens must expire',
    };
    return unauthenticated(expected[error.claim] ?? `token claim "${error.claim}" is invalid: ${error.reason}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    const accepted = [options.secret ? 'HS256' : undefined, options.jwksUrl ? ASYMMETRIC.join('/') : undefined];
    return unauthenticated(`token algorithm is not accepted here: sign with ${accepted.filter(Boolean).join(' or ')}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return unauthenticated('token signature does not verify: it was signed with another key');
  if (error instanceof errors.JWKSNoMatchingKey)
    return unauthenticated("no key of JWT_JWKS_URL matches the token's key id (kid)");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error))
    return unauthenticated('the signing keys (JWT_JWKS_URL) cannot be fetched right now: retry shortly');
  if (error instanceof errors.JOSEError) return unauthenticated(`malformed token: ${error.message}`);
  return unauthenticated('malformed token: not a JWT');
}

const isFetchFailure = (error: unknown): boolean =>
  error instanceof TypeError && /fetch|network|ECONNREFUSED/i.test(`${error.message} ${String(error.cause)}`);

function actorOf(payload: JWTPayload): Actor {
  const subject = payload.sub;
  if (typeof subject !== 'string' || !LOGIN.test(subject))
    throw unauthenticated('token subject (sub) must be a user login: letters, digits, hyphens, dots or underscores');
  const role = payload['role'];
  if (!isRole(role))
    throw unauthenticated(`token role ${JSON.stringify(role ?? null)} is unknown: use one of ${ROLES.join(', ')}`);
  return userActor(subject, role, payload.exp === undefined ? undefined : new Date(payload.exp * 1000));
}

export type TokenVerifier = (token: string) => Promise<Actor>;

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const secretKey = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const jwks = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), {
        timeoutDuration: 3_000,
        cooldownDuration: options.jwksCooldownMs ?? 30_000,
      })
    : undefined;
  const algorithms = [...(secretKey ? ['HS256'] : []), ...(jwks ? ASYMMETRIC : [])];
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secretKey) return secretKey;
    if (jwks && ASYMMETRIC.includes(header.alg)) return jwks(header, token);
    throw new errors.JOSEAlgNotAllowed(`"${header.alg}" is not accepted`);
  };
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      return actorOf(payload);
    } catch (error) {
      throw explain(error, options);
    }
  };
}
