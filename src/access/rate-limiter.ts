// Rate limits per identity (the user, else the client address): a budget of points per window, each operation
// charged its cost. rate-limiter-flexible keeps the counters: in Redis in the services deployment (one budget
// however many API processes answer), in memory when embedded. If Redis cannot answer, each process falls back to
// its own memory counters (the insurance limiter) rather than refusing every request.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '../errors.js';
import { identityKey, type Actor } from './actor.js';

export interface RateLimitOptions {
  windowSeconds: number;
  /** Points per window for anonymous callers (per address) and for signed-in users (per login). */
  anonymousPoints: number;
  userPoints: number;
  redis: Redis | null;
  keyPrefix: string;
}

/** What the RateLimit-* headers say after a request was charged. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  windowSeconds: number;
}

function limiter(options: RateLimitOptions, points: number, kind: string): RateLimiterAbstract {
  const base = { points, duration: options.windowSeconds, keyPrefix: `${options.keyPrefix}:rl:${kind}` };
  if (!options.redis) return new RateLimiterMemory(base);
  return new RateLimiterRedis({
    ...base,
    storeClient: options.redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(base),
  });
}

export class RequestRateLimiter {
  private readonly anonymous: RateLimiterAbstract;
  private readonly users: RateLimiterAbstract;

  constructor(private readonly options: RateLimitOptions) {
    this.anonymous = limiter(options, options.anonymousPoints, 'anon');
    this.users = limiter(options, options.userPoints, 'user');
  }

  /**
   * Charges `cost` points (at least 1) to the caller. Throws RATE_LIMITED (with retryAfter and the state for
   * headers) when the budget is spent; system actors are never charged.
   */
  async charge(actor: Actor, cost: number): Promise<RateLimitState | undefined> {
    if (actor.kind === 'system') return undefined;
    const store = actor.kind === 'user' ? this.users : this.anonymous;
    const points = Math.max(1, Math.ceil(cost));
    try {
      return this.state(store, await store.consume(identityKey(actor), points));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const state = this.state(store, rejection);
      const retryAfter = Math.max(1, state.resetSeconds);
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        points > store.points
          ? `This operation costs ${points} points, more than the whole budget of ${store.points} per ` +
              `${this.options.windowSeconds} s: make it smaller`
          : `Rate limit reached: ${store.points} points per ${this.options.windowSeconds} s, ` +
              `charged by query cost; retry in ${retryAfter} s`,
        { retryAfter, rateLimit: state },
      );
    }
  }

  private state(store: RateLimiterAbstract, result: RateLimiterRes): RateLimitState {
    return {
      limit: store.points,
      remaining: Math.max(0, result.remainingPoints),
      resetSeconds: Math.ceil(result.msBeforeNext / 1000),
      windowSeconds: this.options.windowSeconds,
    };
  }
}

/** The IETF draft's RateLimit headers, plus Retry-After when refused. */
export function rateLimitHeaders(state: RateLimitState, refused: boolean): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
    'ratelimit-policy': `${state.limit};w=${state.windowSeconds}`,
    ...(refused ? { 'retry-after': String(Math.max(1, state.resetSeconds)) } : {}),
  };
}
