// GET /ready: readiness. Runs every ReadinessCheck in parallel, each bounded by a timeout so a hung dependency
// cannot hang the probe, and names what is down. A process that is shutting down reports unavailable at once,
// so the load balancer stops sending it traffic while in-flight requests drain.
import type http from 'node:http';
import type { Logger } from '../../logger.js';
import { sendJson } from '../http/respond.js';
import type { ReadinessCheck } from '../types.js';

export const READINESS_CHECK_TIMEOUT_MS = 2_000;
const MAX_REASON_LENGTH = 200;

export interface ReadinessReport {
  ready: boolean;
  /** name → "up" | "down: <reason>" */
  checks: Record<string, string>;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH)}…` : text;
}

async function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // check() may throw synchronously; calling it inside the async function turns that into a rejection.
    await Promise.race([(async () => check.check())(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check): Promise<[string, string]> => {
      try {
        await withTimeout(check, timeoutMs);
        return [check.name, 'up'];
      } catch (error) {
        return [check.name, `down: ${describe(error)}`];
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'up'), checks: Object.fromEntries(results) };
}

export interface ReadinessOptions {
  checks: readonly ReadinessCheck[];
  info?: () => Record<string, unknown>;
  isShuttingDown: () => boolean;
  logger: Logger;
  timeoutMs?: number;
}

export function createReadinessHandler(options: ReadinessOptions): (res: http.ServerResponse) => Promise<void> {
  let wasReady: boolean | undefined;
  return async (res) => {
    if (options.isShuttingDown()) {
      sendJson(res, 503, { status: 'unavailable', reason: 'shutting down', checks: {} });
      return;
    }
    const report = await runReadinessChecks(options.checks, options.timeoutMs);
    // Probes poll every few seconds: log changes of state, not every poll.
    if (report.ready !== wasReady) {
      if (report.ready) options.logger.info({ checks: report.checks }, 'ready');
      else options.logger.warn({ checks: report.checks }, 'not ready');
      wasReady = report.ready;
    }
    sendJson(res, report.ready ? 200 : 503, {
      status: report.ready ? 'ready' : 'unavailable',
      checks: report.checks,
      ...extraInfo(options),
    });
  };
}

/** info()'s fields, minus any that would overwrite status/checks; a failing info() must not fail the probe. */
function extraInfo(options: ReadinessOptions): Record<string, unknown> {
  if (!options.info) return {};
  try {
    return Object.fromEntries(Object.entries(options.info()).filter(([key]) => key !== 'status' && key !== 'checks'));
  } catch (error) {
    options.logger.warn({ err: error }, 'readiness info() failed');
    return {};
  }
}
