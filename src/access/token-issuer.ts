// Signs HS256 tokens with the deployment's secret: what `npm run token` prints and what tests send. Deployments
// verifying through JWT_JWKS_URL get their tokens from their identity provider instead.
import { SignJWT } from 'jose';
import { badInput } from '../errors.js';
import type { Role } from './actor.js';

export interface TokenRequest {
  login: string;
  role: Role;
  /** Lifetime in seconds. */
  ttlSeconds: number;
  issuer: string;
  audience: string;
  secret: string;
}

export async function signToken(request: TokenRequest): Promise<string> {
  return new SignJWT({ role: request.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.login)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds)
    .sign(new TextEncoder().encode(request.secret));
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
const MAX_TTL_SECONDS = 366 * 86_400;

/** "90s", "15m", "1h", "30d" → seconds (at most a year). */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS)
    throw badInput(`--ttl "${value}": a duration like 90s, 15m, 1h or 30d, at most 366d`);
  return seconds;
}
