import { describe, expect, it } from 'vitest';
import {
  decideRateLimitWait,
  rateLimitFromHeaders,
  secondsUntil,
} from '../../../src/infra/github/rate-limit-policy.js';

describe('Rate-limit policy: wait for a reset only when it is near', () => {
  const policy = { maxWaitSeconds: 300, maxRetries: 2 };

  it('waits when GitHub asks for no more than the allowed wait', () => {
    expect(decideRateLimitWait(0, 0, policy)).toEqual({ wait: true, seconds: 0 });
    expect(decideRateLimitWait(300, 1, policy)).toEqual({ wait: true, seconds: 300 });
  });

  it('refuses a longer wait', () => {
    expect(decideRateLimitWait(301, 0, policy)).toEqual({ wait: false, why: 'too-long' });
  });

  it('refuses once a request has waited its number of retries (the limit is not moving)', () => {
    expect(decideRateLimitWait(5, 2, policy)).toEqual({ wait: false, why: 'retried-enough' });
  });

  it('with a zero allowance, never waits for anything but an instant retry', () => {
    expect(decideRateLimitWait(1, 0, { maxWaitSeconds: 0, maxRetries: 2 })).toEqual({ wait: false, why: 'too-long' });
  });
});

describe("Rate-limit policy: GitHub's headers", () => {
  it('reads limit, remaining and the reset instant (epoch seconds)', () => {
    expect(
      rateLimitFromHeaders({
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1700000000',
      }),
    ).toEqual({ limit: 60, remaining: 0, resetAt: new Date(1_700_000_000_000) });
  });

  it('is null when the headers are missing or not numbers (GitHub Enterprise may omit them)', () => {
    expect(rateLimitFromHeaders(undefined)).toBeNull();
    expect(rateLimitFromHeaders({})).toBeNull();
    expect(
      rateLimitFromHeaders({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': 'x', 'x-ratelimit-reset': '1' }),
    ).toBeNull();
  });

  it('counts whole seconds until an instant, never below zero', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(secondsUntil(new Date('2026-01-01T00:00:01.200Z'), now)).toBe(2);
    expect(secondsUntil(new Date('2025-12-31T23:59:00.000Z'), now)).toBe(0);
  });
});
